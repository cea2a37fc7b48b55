import { Input } from "@medusajs/ui"
import { FormField } from "../../../../../../components/form-field"
import { SelectField } from "../../../../../../components/select-input"
import { useStoreCurrencies } from "../../../../../../hooks/api/segments"
import type { StepFormProps } from "./types"

/** A number input under its label (`id` is also its test id). */
const NumberField = ({ id, label, value, onChange }: {
  id: string
  label: string
  value: number
  onChange: (value: number) => void
}) => (
  <FormField id={id} label={label}>
    <Input id={id} type="number" value={String(value)} onChange={(e) => onChange(Number(e.target.value))} data-testid={id} />
  </FormField>
)

/** A one-time code for the contact: percent or amount off, valid some days. */
export const CreateDiscountForm = ({ draft, set }: StepFormProps) => {
  const { currencies } = useStoreCurrencies()
  const fixed = draft.kind === "fixed"
  return (
    <>
      <div className="grid grid-cols-2 gap-2">
        <SelectField
          id="step-discount-kind"
          label="Kind"
          testId="step-discount-kind"
          value={draft.kind}
          options={[
            { value: "percentage", label: "Percent off" },
            { value: "fixed", label: "Amount off" },
          ]}
          onChange={(kind) =>
            set(kind === "fixed" ? { kind, currency_code: draft.currency_code ?? currencies[0] } : { kind, currency_code: undefined })
          }
        />
        {fixed ? (
          <SelectField
            id="step-discount-currency"
            label="Currency"
            value={draft.currency_code ?? ""}
            placeholder="Choose a currency"
            options={currencies.map((c) => ({ value: c, label: c.toUpperCase() }))}
            onChange={(currency_code) => set({ currency_code })}
          />
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-2">
        <NumberField
          id="step-discount-value"
          label={fixed ? "Amount off" : "Percent off"}
          value={draft.value}
          onChange={(value) => set({ value })}
        />
        <NumberField
          id="step-discount-days"
          label="Valid for (days)"
          value={draft.expires_in_days}
          onChange={(expires_in_days) => set({ expires_in_days })}
        />
      </div>
    </>
  )
}

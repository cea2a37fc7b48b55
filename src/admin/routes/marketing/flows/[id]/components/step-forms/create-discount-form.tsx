import { Input } from "@medusajs/ui"
import { FormField } from "../../../../../../components/form-field"
import { SelectInput } from "../../../../../../components/select-input"
import { useStoreCurrencies } from "../../../../../../hooks/api/segments"
import type { StepFormProps } from "./types"

/** A one-time code for the contact: percent or amount off, valid some days. */
export const CreateDiscountForm = ({ draft, set }: StepFormProps) => {
  const { currencies } = useStoreCurrencies()
  const fixed = draft.kind === "fixed"
  return (
    <>
      <div className="grid grid-cols-2 gap-2">
        <FormField id="step-discount-kind" label="Kind">
          <SelectInput
            id="step-discount-kind"
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
        </FormField>
        {fixed ? (
          <FormField id="step-discount-currency" label="Currency">
            <SelectInput
              id="step-discount-currency"
              value={draft.currency_code ?? ""}
              placeholder="Choose a currency"
              options={currencies.map((c) => ({ value: c, label: c.toUpperCase() }))}
              onChange={(currency_code) => set({ currency_code })}
            />
          </FormField>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-2">
        <FormField id="step-discount-value" label={fixed ? "Amount off" : "Percent off"}>
          <Input
            id="step-discount-value"
            type="number"
            value={String(draft.value)}
            onChange={(e) => set({ value: Number(e.target.value) })}
            data-testid="step-discount-value"
          />
        </FormField>
        <FormField id="step-discount-days" label="Valid for (days)">
          <Input
            id="step-discount-days"
            type="number"
            value={String(draft.expires_in_days)}
            onChange={(e) => set({ expires_in_days: Number(e.target.value) })}
            data-testid="step-discount-days"
          />
        </FormField>
      </div>
    </>
  )
}

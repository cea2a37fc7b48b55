import { SelectField } from "../../../../../../components/select-input"
import { useCustomerGroupOptions } from "../../../../../../hooks/api/segments"
import type { StepFormProps } from "./types"

/** Adds the contact's customer to a Medusa customer group, or removes them. */
export const CustomerGroupForm = ({ draft, set }: StepFormProps) => {
  const { customer_groups } = useCustomerGroupOptions()
  const options = (customer_groups ?? []).map((g) => ({ value: g.id, label: g.name ?? g.id }))
  if (draft.customer_group_id && customer_groups && !customer_groups.some((g) => g.id === draft.customer_group_id)) {
    options.push({ value: draft.customer_group_id, label: draft.customer_group_id })
  }
  return (
    <div className="grid grid-cols-2 gap-2">
      <SelectField
        id="step-group-action"
        label="Action"
        value={draft.action}
        options={[
          { value: "add", label: "Add to the group" },
          { value: "remove", label: "Remove from the group" },
        ]}
        onChange={(action) => set({ action })}
      />
      <SelectField
        id="step-group"
        label="Customer group"
        hint="Contacts without a customer account are skipped."
        testId="step-group"
        value={draft.customer_group_id ?? ""}
        placeholder={customer_groups?.length === 0 ? "No customer groups yet" : "Choose a group"}
        options={options}
        onChange={(customer_group_id) => set({ customer_group_id })}
      />
    </div>
  )
}

import { Checkbox, Label, Text } from "@medusajs/ui"
import { FormField } from "../../../../../../components/form-field"
import { SelectField } from "../../../../../../components/select-input"
import { useAdminUsers } from "../../../../../../hooks/api/users"
import type { StepFormProps } from "./types"

const userName = (u: { email: string; first_name?: string | null; last_name?: string | null }) =>
  [u.first_name, u.last_name].filter(Boolean).join(" ") || u.email

/** One team member, or several taking turns, becomes the contact's owner. */
export const AssignOwnerForm = ({ draft, set }: StepFormProps) => {
  const { data } = useAdminUsers()
  const users = data?.users ?? []
  const chosen: string[] = draft.user_ids ?? []
  return (
    <>
      <SelectField
        id="step-owner-mode"
        label="Assign"
        value={draft.mode}
        options={[
          { value: "fixed", label: "Always the same person" },
          { value: "round_robin", label: "In turn among several people" },
        ]}
        onChange={(mode) => set({ mode, user_ids: mode === "fixed" ? chosen.slice(0, 1) : chosen })}
      />
      {draft.mode === "fixed" ? (
        <SelectField
          id="step-owner"
          label="Owner"
          value={chosen[0] ?? ""}
          placeholder="Choose a team member"
          options={users.map((u) => ({ value: u.id, label: userName(u) }))}
          onChange={(id) => set({ user_ids: [id] })}
        />
      ) : (
        <FormField id="step-owners" label="Owners, in turn">
          <div className="flex flex-col gap-y-2" id="step-owners">
            {users.length ? null : (
              <Text size="small" className="text-ui-fg-muted">
                Loading the team…
              </Text>
            )}
            {users.map((u) => (
              <div key={u.id} className="flex items-center gap-x-2">
                <Checkbox
                  id={`step-owner-${u.id}`}
                  checked={chosen.includes(u.id)}
                  onCheckedChange={(on) =>
                    set({ user_ids: on === true ? [...chosen, u.id] : chosen.filter((id) => id !== u.id) })
                  }
                />
                <Label htmlFor={`step-owner-${u.id}`} size="small">
                  {userName(u)}
                </Label>
              </div>
            ))}
          </div>
        </FormField>
      )}
    </>
  )
}

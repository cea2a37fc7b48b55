import { Input } from "@medusajs/ui"
import { FormField } from "../../../../../../components/form-field"
import type { StepFormProps } from "./types"

export const NotifyTeamForm = ({ draft, set }: StepFormProps) => (
  <FormField id="step-notify-email" label="Team address" optional hint="The sales alert address of the scoring settings when empty.">
    <Input id="step-notify-email" type="email" value={draft.email ?? ""} onChange={(e) => set({ email: e.target.value || undefined })} />
  </FormField>
)

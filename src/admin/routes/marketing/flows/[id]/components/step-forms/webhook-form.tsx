import { Input } from "@medusajs/ui"
import { FormField } from "../../../../../../components/form-field"
import type { StepFormProps } from "./types"

export const WebhookForm = ({ draft, set }: StepFormProps) => (
  <>
    <FormField id="step-webhook-url" label="URL">
      <Input id="step-webhook-url" value={draft.url} onChange={(e) => set({ url: e.target.value })} />
    </FormField>
    <FormField id="step-webhook-secret" label="Signing secret" hint="Signs each request (X-Marketing-Signature).">
      <Input id="step-webhook-secret" type="password" value={draft.secret} onChange={(e) => set({ secret: e.target.value })} />
    </FormField>
  </>
)

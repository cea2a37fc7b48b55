import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { EmailPreviewFrame } from "../../../../../../components/email-preview-frame"
import { FormField } from "../../../../../../components/form-field"
import { SelectInput } from "../../../../../../components/select-input"
import { useSavedTemplatePreview, useTemplates } from "../../../../../../hooks/api/templates"
import type { StepFormProps } from "./types"

/** The template picked, and how it renders for the sample contact. */
export const SendEmailForm = ({ draft, set }: StepFormProps) => {
  const { templates } = useTemplates({ limit: 200 })
  const templateId: string = draft.template_id ?? ""
  const preview = useSavedTemplatePreview(templateId || undefined)
  const options = (templates ?? []).map((t) => ({ value: t.id, label: t.name }))
  if (templateId && templates && !templates.some((t) => t.id === templateId)) {
    options.push({ value: templateId, label: templateId })
  }

  return (
    <>
      <FormField id="step-template" label="Template">
        <SelectInput
          id="step-template"
          testId="step-template"
          value={templateId}
          placeholder={templates?.length === 0 ? "No templates yet" : "Pick a template"}
          options={options}
          onChange={(value) => set({ template_id: value })}
        />
      </FormField>
      {templateId ? (
        <div className="flex flex-col gap-y-2" data-testid="step-template-preview" data-template-id={templateId}>
          <div className="flex items-center justify-between gap-x-2">
            <Text size="small" weight="plus">
              Preview
            </Text>
            <Link to={`/marketing/templates/${templateId}`} className="txt-compact-small text-ui-fg-interactive">
              Edit the template
            </Link>
          </div>
          {preview.isError ? (
            <Text size="small" className="text-ui-fg-error">
              The preview could not be rendered: {preview.error.message}
            </Text>
          ) : preview.data ? (
            <>
              <Text size="small" data-testid="step-template-subject">
                <span className="text-ui-fg-subtle">Subject: </span>
                {preview.data.subject}
              </Text>
              <div className="bg-ui-bg-subtle rounded-lg p-2">
                <EmailPreviewFrame html={preview.data.html} style={{ width: "100%", height: 420 }} testId="step-template-frame" />
              </div>
            </>
          ) : (
            <Text size="small" className="text-ui-fg-muted">
              Rendering the preview…
            </Text>
          )}
        </div>
      ) : null}
    </>
  )
}

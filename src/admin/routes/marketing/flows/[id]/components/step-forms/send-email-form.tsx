import { Input, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { EmailPreviewFrame } from "../../../../../../components/email-preview-frame"
import { FormField } from "../../../../../../components/form-field"
import { SelectField, SelectInput } from "../../../../../../components/select-input"
import { AB_METRIC_LABELS } from "../../../../../../lib/flows"
import {
  AB_DEFAULT_CONFIDENCE, AB_DEFAULT_MIN_SAMPLE, AB_MAX_CONFIDENCE, AB_MAX_MIN_SAMPLE, AB_METRICS, AB_MIN_CONFIDENCE, AB_MIN_MIN_SAMPLE,
} from "../../../../../../../modules/marketing/flows/types"
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
      <AutoWinnerFields draft={draft} set={set} />
    </>
  )
}

/**
 * The automatic A/B winner of a step with variants: the metric (or off), the
 * confidence and the minimum recipients per variant. Out-of-range values are
 * named by the server's validation on save.
 */
const AutoWinnerFields = ({ draft, set }: Pick<StepFormProps, "draft" | "set">) => {
  if ((draft.variants?.length ?? 0) < 2) return null
  const auto = draft.auto_winner as { metric: string; confidence?: number; min_sample?: number } | undefined
  const patch = (next: Partial<NonNullable<typeof auto>>) => set({ auto_winner: { ...auto, ...next } })
  return (
    <div className="flex flex-col gap-y-2" data-testid="step-auto-winner">
      <SelectField
        id="step-auto-winner-metric"
        label="Pick the winner automatically"
        testId="step-auto-winner-metric"
        value={auto?.metric ?? "off"}
        options={[{ value: "off", label: "Off: keep the split" }, ...AB_METRICS.map((m) => ({ value: m, label: `By ${AB_METRIC_LABELS[m].toLowerCase()}` }))]}
        onChange={(metric) => set({ auto_winner: metric === "off" ? undefined : { ...auto, metric } })}
        hint="Once every variant has the minimum sample and the difference is significant, contacts get the winner (the holdout still applies)."
      />
      {auto ? (
        <div className="grid grid-cols-2 gap-2">
          <FormField id="step-auto-winner-confidence" label="Confidence" hint={`${AB_MIN_CONFIDENCE} to ${AB_MAX_CONFIDENCE}`}>
            <Input
              id="step-auto-winner-confidence"
              data-testid="step-auto-winner-confidence"
              type="number"
              step="0.01"
              min={AB_MIN_CONFIDENCE}
              max={AB_MAX_CONFIDENCE}
              value={String(auto.confidence ?? AB_DEFAULT_CONFIDENCE)}
              onChange={(e) => patch({ confidence: Number(e.target.value) })}
            />
          </FormField>
          <FormField id="step-auto-winner-min-sample" label="Minimum recipients per variant" hint={`${AB_MIN_MIN_SAMPLE} or more`}>
            <Input
              id="step-auto-winner-min-sample"
              data-testid="step-auto-winner-min-sample"
              type="number"
              min={AB_MIN_MIN_SAMPLE}
              max={AB_MAX_MIN_SAMPLE}
              value={String(auto.min_sample ?? AB_DEFAULT_MIN_SAMPLE)}
              onChange={(e) => patch({ min_sample: Number(e.target.value) })}
            />
          </FormField>
        </div>
      ) : null}
    </div>
  )
}

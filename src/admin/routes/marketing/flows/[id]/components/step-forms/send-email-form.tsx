import { Button, Input, Text } from "@medusajs/ui"
import { useEffect } from "react"
import { Link } from "react-router-dom"
import { EmailPreviewFrame } from "../../../../../../components/email-preview-frame"
import { FormField } from "../../../../../../components/form-field"
import { SelectField, SelectInput } from "../../../../../../components/select-input"
import {
  AB_METRIC_LABELS, addVariant, removeVariant, startVariants, variantsProblem, type VariantDraft,
} from "../../../../../../lib/flows"
import type { SelectOption } from "../../../../../../components/select-input"
import {
  AB_DEFAULT_CONFIDENCE, AB_DEFAULT_MIN_SAMPLE, AB_MAX_CONFIDENCE, AB_MAX_MIN_SAMPLE, AB_METRICS, AB_MIN_CONFIDENCE, AB_MIN_MIN_SAMPLE,
  MAX_HOLDOUT_PERCENT, MAX_VARIANTS, MIN_VARIANTS,
} from "../../../../../../../modules/marketing/flows/types"
import { useSavedTemplatePreview, useTemplates } from "../../../../../../hooks/api/templates"
import type { StepFormProps } from "./types"

/** The template picked, and how it renders for the sample contact. */
export const SendEmailForm = ({ draft, set, setProblem }: StepFormProps) => {
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
      <SendAtField draft={draft} set={set} />
      <HoldoutField draft={draft} set={set} />
      <VariantFields draft={draft} set={set} setProblem={setProblem} templates={options} />
      <AutoWinnerFields draft={draft} set={set} />
    </>
  )
}

/** When the email goes: as soon as the contact reaches the step, or at their best hour within 24 hours. */
const SendAtField = ({ draft, set }: Pick<StepFormProps, "draft" | "set">) => (
  <SelectField
    id="step-send-at"
    label="Send"
    testId="step-send-at"
    value={draft.send_at ?? "now"}
    options={[
      { value: "now", label: "As soon as the contact gets here" },
      { value: "best_time", label: "At the contact's best time within the next 24 hours" },
    ]}
    onChange={(value) => set({ send_at: value === "now" ? undefined : value })}
    hint="Best time: the hour of the week the contact opens and clicks most, leaning on the store's pattern while they have few opens; quiet hours are skipped. Without any opens in the store, the email goes at once."
  />
)

/** The share of contacts who get no email here, so reports can measure what the email adds. */
const HoldoutField = ({ draft, set }: Pick<StepFormProps, "draft" | "set">) => (
  <FormField
    id="step-holdout"
    label="Holdout"
    optional
    hint={`Percent of contacts (0 to ${MAX_HOLDOUT_PERCENT}) who skip this email and go on; the flow's Performance section compares them with those who got it.`}
  >
    <Input
      id="step-holdout"
      data-testid="step-holdout"
      type="number"
      min={0}
      max={MAX_HOLDOUT_PERCENT}
      value={draft.holdout_percent === undefined ? "" : String(draft.holdout_percent)}
      placeholder="0"
      onChange={(e) => set({ holdout_percent: e.target.value === "" ? undefined : Number(e.target.value) })}
    />
  </FormField>
)

/** Picks the step's own template in a variant's template select. */
const STEP_TEMPLATE = "__step__"

/**
 * An A/B test: 2–4 variants, each with its share of contacts and, optionally,
 * its own template or subject (else the step's). Shares must add up to 100.
 */
const VariantFields = ({
  draft,
  set,
  setProblem,
  templates,
}: Pick<StepFormProps, "draft" | "set" | "setProblem"> & { templates: SelectOption[] }) => {
  const variants = (draft.variants as VariantDraft[] | undefined) ?? []
  const problem = variants.length ? variantsProblem(variants) : null
  useEffect(() => {
    setProblem(problem)
    // `setProblem` applies to the latest draft: only the problem matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problem])

  // Fewer than two variants is no test: the step then sends its own template, and no winner is picked.
  const setVariants = (next: VariantDraft[] | null) =>
    set(next ? { variants: next } : { variants: undefined, auto_winner: undefined })
  const patch = (index: number, change: Partial<VariantDraft>) =>
    setVariants(variants.map((v, i) => (i === index ? { ...v, ...change } : v)))

  if (!variants.length) {
    return (
      <div className="flex items-center justify-between gap-x-2" data-testid="step-variants">
        <Text size="small" className="text-ui-fg-subtle">
          Test {MIN_VARIANTS} to {MAX_VARIANTS} versions of this email against each other.
        </Text>
        <Button size="small" variant="secondary" type="button" data-testid="step-variants-start" onClick={() => setVariants(startVariants())}>
          Start an A/B test
        </Button>
      </div>
    )
  }
  const templateOptions = [{ value: STEP_TEMPLATE, label: "The step's template" }, ...templates]
  return (
    <FormField id="step-variants" label="A/B test" error={problem}>
      <div className="flex flex-col gap-y-3" data-testid="step-variants">
        {variants.map((variant, index) => (
          <div key={variant.key} className="flex flex-col gap-y-2 rounded-lg border p-2" data-testid={`step-variant-${variant.key}`}>
            <div className="flex items-center gap-x-2">
              <Text size="small" weight="plus" className="w-20">
                Variant {variant.key.toUpperCase()}
              </Text>
              <Input
                type="number"
                min={1}
                max={99}
                className="w-24"
                aria-label={`Variant ${variant.key.toUpperCase()} share`}
                data-testid={`step-variant-${variant.key}-weight`}
                value={Number.isFinite(variant.weight) ? String(variant.weight) : ""}
                onChange={(e) => patch(index, { weight: Number(e.target.value) })}
              />
              <Text size="small">%</Text>
              <div className="flex-1" />
              <Button
                size="small"
                variant="transparent"
                type="button"
                data-testid={`step-variant-${variant.key}-remove`}
                onClick={() => setVariants(removeVariant(variants, index, MIN_VARIANTS))}
              >
                Remove
              </Button>
            </div>
            <SelectInput
              label={`Variant ${variant.key.toUpperCase()} template`}
              testId={`step-variant-${variant.key}-template`}
              value={variant.template_id ?? STEP_TEMPLATE}
              options={templateOptions}
              onChange={(value) => patch(index, { template_id: value === STEP_TEMPLATE ? undefined : value })}
            />
            <Input
              aria-label={`Variant ${variant.key.toUpperCase()} subject`}
              data-testid={`step-variant-${variant.key}-subject`}
              placeholder="The template's subject"
              value={variant.subject ?? ""}
              onChange={(e) => patch(index, { subject: e.target.value === "" ? undefined : e.target.value })}
            />
          </div>
        ))}
        {variants.length < MAX_VARIANTS ? (
          <Button
            size="small"
            variant="secondary"
            type="button"
            className="self-start"
            data-testid="step-variants-add"
            onClick={() => setVariants(addVariant(variants, MAX_VARIANTS))}
          >
            Add a variant
          </Button>
        ) : null}
      </div>
    </FormField>
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

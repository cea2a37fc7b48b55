import {
  Checkbox,
  Input,
  Select,
  Textarea,
  toast,
} from "@medusajs/ui"
import { FetchError } from "@medusajs/js-sdk"
import { useId, useMemo, useState } from "react"
import {
  useCreateScoringRule,
  useScoringFields,
  useScoringRulePreview,
  useUpdateScoringRule,
} from "../../../../../hooks/api/scoring"
import {
  getEventTypeLabel,
  isCustomEventType,
} from "../../../../../lib/events"
import {
  CAP_PERIODS,
  CAP_PERIOD_LABELS,
  MAX_RULE_POINTS,
  SCORING_RULE_KINDS,
  SCORING_RULE_KIND_INFO,
  getConditionError,
  isEventRuleKind,
} from "../../../../../lib/scoring"
import type {
  CapPeriod,
  Recompute,
  ScoringRule,
  ScoringRuleKind,
  ScoringRuleMutationResponse,
} from "../../../../../lib/types"
import {
  EditorModal,
  EditorSection,
  SwitchCard,
  ToggleCard,
} from "../../../../../components/editor-modal"
import { FormField } from "../../../../../components/form-field"
import { SelectInput } from "../../../../../components/select-input"
import { ConditionList } from "./condition-list"
import { RulePreview } from "./rule-preview"
import { useRuleForm } from "./use-rule-form"

const NO_CAP = "none"
const OTHER_EVENT = "__other__"

type ScoringRuleEditorProps = {
  /** The rule to edit; a new rule when left out. */
  rule?: ScoringRule
  onClose: () => void
  /** Saving with "Apply to history" started a background recount of the rule's points. */
  onRecompute: (recompute: Recompute) => void
}

/** Creates or edits a scoring rule, with a live count of the contacts it affects. */
export const ScoringRuleEditor = ({
  rule,
  onClose,
  onRecompute,
}: ScoringRuleEditorProps) => {
  const ids = {
    name: useId(),
    description: useId(),
    kind: useId(),
    eventType: useId(),
    points: useId(),
    capCount: useId(),
    capPeriod: useId(),
    applyToHistory: useId(),
  }
  const isEdit = !!rule
  const [submitted, setSubmitted] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const [customEventType, setCustomEventType] = useState(false)

  // The fields follow the kind and the event type. They are asked for when
  // one is picked (or a typed event type is left), not on every keystroke.
  const [fieldsQuery, setFieldsQuery] = useState<{
    kind: ScoringRuleKind
    event_type?: string
  }>(() => ({
    kind: rule?.kind ?? "engagement",
    event_type: rule?.event_type ?? undefined,
  }))
  const fieldsResult = useScoringFields(fieldsQuery)
  const fields = fieldsResult.fields ?? []
  const fieldsReady = !fieldsResult.isPending && !fieldsResult.isPlaceholderData

  // The store's own events have no known properties: any may be tested.
  const [allowCustomProperties, setAllowCustomProperties] = useState(
    () => !!rule?.event_type && isCustomEventType(rule.event_type)
  )
  const form = useRuleForm({ rule, fields, fieldsReady, allowCustomProperties })
  const { state, errors } = form
  const isEvent = isEventRuleKind(state.kind)

  const syncFieldsQuery = (kind: ScoringRuleKind, eventType: string) => {
    const type = eventType.trim()
    setAllowCustomProperties(isEventRuleKind(kind) && isCustomEventType(type))
    setFieldsQuery(
      isEventRuleKind(kind) ? { kind, event_type: type || undefined } : { kind }
    )
  }

  const preview = useScoringRulePreview(form.previewBody)
  const previewError = preview.isError ? preview.error?.message : null

  // Point at the condition a server message names, if any.
  const serverConditionError = getConditionError(serverError ?? previewError)
  const conditionErrors = (state.conditions ?? []).map((_, index) => {
    if (submitted && errors.conditions[index]) {
      return errors.conditions[index]
    }
    return serverConditionError?.index === index
      ? serverConditionError.message
      : null
  })

  const eventTypes = useMemo(() => {
    const known = fieldsResult.event_types ?? []
    return state.eventType && !known.includes(state.eventType)
      ? [...known, state.eventType]
      : known
  }, [fieldsResult.event_types, state.eventType])

  const onSaved = ({ scoring_rule, recompute }: ScoringRuleMutationResponse) => {
    toast.success(
      isEdit ? `"${scoring_rule.name}" was saved` : `"${scoring_rule.name}" was created`,
      recompute
        ? { description: "Scores are being rebuilt from the contacts' history." }
        : undefined
    )
    if (recompute) {
      onRecompute(recompute)
    }
    onClose()
  }
  const onFailed = (error: FetchError) => {
    setServerError(error.message || "The rule could not be saved.")
    if (error.status !== 400) {
      toast.error("The rule could not be saved", { description: error.message })
    }
  }
  const create = useCreateScoringRule({ onSuccess: onSaved, onError: onFailed })
  const save = useUpdateScoringRule(rule?.id ?? "", {
    onSuccess: onSaved,
    onError: onFailed,
  })
  const isSaving = create.isPending || save.isPending

  const handleSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    setServerError(null)
    if (form.hasErrors) {
      return
    }
    if (isEdit) {
      save.mutate(form.updateBody())
    } else {
      create.mutate(form.createBody())
    }
  }

  const show = (error: string | undefined) => (submitted ? error : undefined)

  return (
    <EditorModal
      noun="scoring rule"
      description="A rule adds or takes away points when an event matches (engagement, loyalty) or while a contact matches (fit)."
      isEdit={isEdit}
      isSaving={isSaving}
      serverError={serverError}
      onSubmit={handleSubmit}
      onClose={onClose}
      status={
        <RulePreview
          kind={state.kind}
          ready={!!form.previewBody}
          count={preview.count}
          isLoading={preview.isFetching || preview.isDebouncing}
          error={previewError}
        />
      }
    >
      <div className="flex flex-col gap-y-4">
        <FormField id={ids.name} label="Name" error={show(errors.name)}>
          <Input
            id={ids.name}
            value={state.name}
            placeholder="Viewed a product"
            aria-invalid={!!show(errors.name)}
            onChange={(event) => form.update({ name: event.target.value })}
          />
        </FormField>
        <FormField id={ids.description} label="Description" optional>
          <Textarea
            id={ids.description}
            value={state.description}
            rows={2}
            onChange={(event) =>
              form.update({ description: event.target.value })
            }
          />
        </FormField>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <FormField
            id={ids.kind}
            label="Kind"
            hint={SCORING_RULE_KIND_INFO[state.kind].description}
          >
            <SelectInput
              size="base"
              id={ids.kind}
              testId="scoring-rule-kind"
              value={state.kind}
              options={SCORING_RULE_KINDS.map((kind) => ({
                value: kind,
                label: SCORING_RULE_KIND_INFO[kind].label,
              }))}
              onChange={(value) => {
                const kind = value as ScoringRuleKind
                form.setKind(kind)
                syncFieldsQuery(kind, isEventRuleKind(kind) ? state.eventType : "")
              }}
            />
          </FormField>
          {isEvent ? (
            <FormField
              id={ids.eventType}
              label="Event type"
              error={show(errors.eventType)}
              hint={
                customEventType
                  ? "The exact type, e.g. custom:newsletter_signup"
                  : undefined
              }
            >
              {customEventType ? (
                <Input
                  id={ids.eventType}
                  value={state.eventType}
                  placeholder="custom:newsletter_signup"
                  aria-invalid={!!show(errors.eventType)}
                  onChange={(event) =>
                    form.update({ eventType: event.target.value })
                  }
                  onBlur={() => syncFieldsQuery(state.kind, state.eventType)}
                />
              ) : (
                <Select
                  value={state.eventType}
                  onValueChange={(value) => {
                    if (!value) {
                      return
                    }
                    if (value === OTHER_EVENT) {
                      setCustomEventType(true)
                      return
                    }
                    form.update({ eventType: value })
                    syncFieldsQuery(state.kind, value)
                  }}
                >
                  <Select.Trigger
                    id={ids.eventType}
                    aria-invalid={!!show(errors.eventType)}
                    data-testid="scoring-rule-event-type"
                  >
                    <Select.Value placeholder="Choose an event" />
                  </Select.Trigger>
                  <Select.Content>
                    {eventTypes.map((type) => (
                      <Select.Item key={type} value={type} title={type}>
                        {getEventTypeLabel(type)}
                      </Select.Item>
                    ))}
                    <Select.Separator />
                    <Select.Item value={OTHER_EVENT}>
                      Other event type…
                    </Select.Item>
                  </Select.Content>
                </Select>
              )}
            </FormField>
          ) : (
            <FormField id={ids.eventType} label="Event type">
              <Input
                id={ids.eventType}
                disabled
                value=""
                placeholder="None: fit rules look at the contact"
              />
            </FormField>
          )}
        </div>
      </div>

      <ConditionList
        kind={state.kind}
        drafts={state.conditions}
        storedTree={rule?.conditions ?? null}
        fields={fields}
        allowCustomProperties={allowCustomProperties}
        fieldsLoading={fieldsResult.isPending}
        fieldsError={fieldsResult.isError ? fieldsResult.error?.message : null}
        errors={conditionErrors}
        onChange={(change) => {
          form.updateConditions(change)
          setServerError(null)
        }}
        onReplaceTree={() => {
          form.update({ conditions: [] })
          setServerError(null)
        }}
      />

      <EditorSection
        title="Points"
        description={
          isEvent
            ? "Negative points take away from the score. A cap limits how often the rule scores for one contact."
            : "Negative points take away from the score. A fit rule scores once while the contact matches, so it has no cap."
        }
      >
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <FormField id={ids.points} label="Points" error={show(errors.points)}>
            <Input
              id={ids.points}
              type="number"
              step={1}
              min={-MAX_RULE_POINTS}
              max={MAX_RULE_POINTS}
              value={state.points}
              aria-invalid={!!show(errors.points)}
              onChange={(event) => form.update({ points: event.target.value })}
              data-testid="scoring-rule-points"
            />
          </FormField>
          <FormField
            id={ids.capCount}
            label="Cap"
            optional
            error={show(errors.cap)}
          >
            <Input
              id={ids.capCount}
              disabled={!isEvent}
              type="number"
              step={1}
              min={1}
              value={state.capCount}
              placeholder="No cap"
              aria-invalid={!!show(errors.cap)}
              onChange={(event) => form.update({ capCount: event.target.value })}
            />
          </FormField>
          <FormField id={ids.capPeriod} label="Cap period" optional>
            <SelectInput
              size="base"
              id={ids.capPeriod}
              disabled={!isEvent}
              value={state.capPeriod || NO_CAP}
              options={[
                { value: NO_CAP, label: "No cap" },
                ...CAP_PERIODS.map((period) => ({
                  value: period,
                  label: CAP_PERIOD_LABELS[period],
                })),
              ]}
              onChange={(value) =>
                form.update({
                  capPeriod: value === NO_CAP ? "" : (value as CapPeriod),
                  ...(value === NO_CAP ? { capCount: "" } : {}),
                })
              }
            />
          </FormField>
        </div>
      </EditorSection>

      <div className="flex flex-col gap-y-4">
        <SwitchCard
          label="Active"
          description="Paused rules give no points to new events."
          checked={state.active}
          onCheckedChange={(active) => form.update({ active })}
        />
        <ToggleCard
          id={ids.applyToHistory}
          label="Apply to history"
          description={
            isEdit
              ? "Rescore the events and contacts already recorded with the changed rule. Only this rule's points are recounted, in the background."
              : "Also score the events and contacts already recorded, in the background."
          }
          control={
            <Checkbox
              id={ids.applyToHistory}
              checked={state.applyToHistory}
              onCheckedChange={(checked) =>
                form.update({ applyToHistory: checked === true })
              }
              data-testid="scoring-rule-apply-to-history"
            />
          }
        />
      </div>
    </EditorModal>
  )
}

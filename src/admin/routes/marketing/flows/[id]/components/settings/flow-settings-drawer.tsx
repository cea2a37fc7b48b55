import { Plus } from "@medusajs/icons"
import { Alert, Button, Hint, Input, Text, clx, toast } from "@medusajs/ui"
import { useMemo, useState, type ReactNode } from "react"
import { SwitchCard } from "../../../../../../components/editor-modal"
import { SelectField, SelectInput } from "../../../../../../components/select-input"
import { SideDrawer } from "../../../../../../components/side-drawer"
import { BlockHeading } from "../../../../../../components/titled-block"
import { useUpdateFlow } from "../../../../../../hooks/api/flows"
import {
  applySettings,
  draftToSettings,
  settingsErrorsOfMessage,
  settingsSectionOf,
  settingsToDraft,
  type FlowSettingsDraft,
  type PressureDraft,
  type ReentryDraft,
} from "../../../../../../lib/flows"
import { initialDefinitionDraft } from "../../../../../../lib/segments"
import type { Flow, FlowValidationError } from "../../../../../../lib/types"
import {
  SegmentBuilderDataProvider,
  useSegmentBuilderData,
} from "../../../../segments/components/condition-builder/builder-context"
import { ConditionBuilder } from "../../../../segments/components/condition-builder/condition-builder"
import { ExitConditionsFields, GoalFields } from "./flow-condition-fields"
import { TriggerFields } from "./trigger-fields"

const Section = ({ title, description, error, testId, first, children }: {
  first?: boolean
  title: string
  description: string
  error?: string
  testId: string
  children: ReactNode
}) => (
  <section className={clx("flex flex-col gap-y-3", { "border-t pt-4": !first })} data-testid={testId}>
    <BlockHeading title={title} description={description} />
    {children}
    {error ? <Hint variant="error">{error}</Hint> : null}
  </section>
)

/**
 * The flow's settings: trigger, entry filter, re-entry, goal, exit conditions
 * and message pressure. Saved with the steps as one definition (a live
 * flow's is checked and published by the server; a refusal shows its message).
 */
export const FlowSettingsDrawer = ({
  flow,
  problems,
  onClose,
}: {
  flow: Flow
  /** The saved draft's problems: those about the settings show under their section. */
  problems: FlowValidationError[]
  onClose: () => void
}) => {
  const [draft, setDraft] = useState<FlowSettingsDraft>(() => settingsToDraft(flow.definition))
  const [submitted, setSubmitted] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const builder = useSegmentBuilderData({})
  const update = useUpdateFlow(flow.id)
  const result = useMemo(() => draftToSettings(draft, builder.context), [draft, builder.context])

  const change = <K extends keyof FlowSettingsDraft>(key: K) =>
    (updater: (value: FlowSettingsDraft[K]) => FlowSettingsDraft[K]) =>
      setDraft((current) => ({ ...current, [key]: updater(current[key]) }))
  const setReentry = (patch: Partial<ReentryDraft>) => change("reentry")((r) => ({ ...r, ...patch }))
  const setPressure = (patch: Partial<PressureDraft>) => change("pressure")((p) => ({ ...p, ...patch }))

  // The panel's own problems once saving was tried, then a refusal's, then the draft check's.
  const refused = useMemo(() => settingsErrorsOfMessage(serverError), [serverError])
  const errorOf = (section: string) =>
    (submitted ? result.errors[section] : undefined) ??
    refused[section] ??
    problems.find((p) => settingsSectionOf(p.path) === section)?.message
  const data = { ...builder, errors: submitted ? result.rowErrors : new Map<string, string>() }

  const save = () => {
    setSubmitted(true)
    setServerError(null)
    if (!result.settings) return
    update.mutate(
      { definition: applySettings(flow.definition, result.settings) },
      {
        onSuccess: () => {
          toast.success("Flow settings saved")
          onClose()
        },
        onError: (error) => setServerError(error.message),
      }
    )
  }

  return (
    <SideDrawer
      title="Flow settings"
      description="What starts the flow, who may enter, and when contacts leave it."
      testId="flow-settings-drawer"
      onClose={onClose}
      isBusy={update.isPending}
      maxWidth={760}
      submit={{
        label: "Save settings",
        testId: "flow-settings-save",
        onSubmit: save,
      }}
    >
      <SegmentBuilderDataProvider value={data}>
        {serverError ? (
          <Alert variant="error" data-testid="flow-settings-error">
            {serverError}
          </Alert>
        ) : null}
        {submitted && !result.settings ? (
          <Alert variant="error" data-testid="flow-settings-incomplete">
            Some settings are incomplete: see below.
          </Alert>
        ) : null}

        <Section first title="Trigger" description="What brings a contact into the flow." testId="settings-trigger">
          <TriggerFields trigger={draft.trigger} error={errorOf("trigger")} onChange={change("trigger")} />
        </Section>

        <Section
          title="Entry filter"
          description="Checked when a contact would enter; those who do not match stay out."
          error={errorOf("entry_filter")}
          testId="settings-entry-filter"
        >
          {draft.entryFilter ? (
            <>
              <ConditionBuilder
                root={draft.entryFilter}
                data={data}
                testId="settings-entry-filter-builder"
                emptyHint="Add a condition contacts must match to enter."
                onChange={(updater) => change("entryFilter")((root) => (root ? updater(root) : root))}
              />
              <div>
                <Button type="button" size="small" variant="transparent" onClick={() => change("entryFilter")(() => null)}>
                  Remove the entry filter
                </Button>
              </div>
            </>
          ) : (
            <div>
              <Button
                type="button"
                size="small"
                variant="secondary"
                onClick={() => change("entryFilter")(() => initialDefinitionDraft())}
                data-testid="settings-add-entry-filter"
              >
                <Plus />
                Add an entry filter
              </Button>
            </div>
          )}
        </Section>

        <Section
          title="Re-entry"
          description="Whether a contact who was in the flow before may enter again."
          error={errorOf("reentry")}
          testId="settings-reentry"
        >
          <div className="grid grid-cols-2 gap-2">
            <SelectInput
              label="Re-entry"
              testId="settings-reentry-policy"
              value={draft.reentry.policy}
              options={[
                { value: "once", label: "Once ever" },
                { value: "once_per_days", label: "Once per period" },
                { value: "every_time", label: "Every time" },
              ]}
              onChange={(policy) => setReentry({ policy: policy as ReentryDraft["policy"] })}
            />
            {draft.reentry.policy === "once_per_days" ? (
              <div className="flex items-center gap-x-2">
                <Text size="small" className="text-ui-fg-subtle shrink-0">
                  every
                </Text>
                <Input
                  type="number"
                  min={1}
                  aria-label="Days between entries"
                  value={draft.reentry.days}
                  onChange={(e) => setReentry({ days: e.target.value })}
                  data-testid="settings-reentry-days"
                />
                <Text size="small" className="text-ui-fg-subtle shrink-0">
                  days
                </Text>
              </div>
            ) : null}
          </div>
        </Section>

        <Section title="Goal" description="Reaching it converts the enrollment: reports count it." testId="settings-goal">
          <GoalFields goal={draft.goal} error={errorOf("goal")} onChange={change("goal")} />
        </Section>

        <Section
          title="Exit conditions"
          description="Any of these takes the contact out of the flow, not converted."
          error={errorOf("exit_conditions")}
          testId="settings-exit-conditions"
        >
          <ExitConditionsFields
            exits={draft.exits}
            errors={draft.exits.map((_, i) => errorOf(`exit_conditions[${i}]`))}
            onChange={change("exits")}
          />
        </Section>

        <Section
          title="Message pressure"
          description="The store's frequency cap and quiet hours apply to this flow's emails unless bypassed."
          error={errorOf("message_pressure")}
          testId="settings-pressure"
        >
          <SwitchCard
            label="Bypass the frequency cap"
            description="Send even if the contact had another marketing email recently (time-critical flows such as cart recovery)."
            checked={draft.pressure.bypassFrequencyCap}
            onCheckedChange={(bypassFrequencyCap) => setPressure({ bypassFrequencyCap })}
            testId="settings-bypass-cap"
          />
          <SwitchCard
            label="Bypass quiet hours"
            description="Send at night too, in the contact's time zone."
            checked={draft.pressure.bypassQuietHours}
            onCheckedChange={(bypassQuietHours) => setPressure({ bypassQuietHours })}
            testId="settings-bypass-quiet"
          />
          <div className="grid grid-cols-2 gap-2">
            <SelectField
              id="settings-when-held"
              label="When an email is held back"
              testId="settings-when-held"
              value={draft.pressure.whenHeld}
              options={[
                { value: "delay", label: "Send it at the next allowed time" },
                { value: "skip", label: "Skip it and go on" },
              ]}
              onChange={(whenHeld) => setPressure({ whenHeld: whenHeld as PressureDraft["whenHeld"] })}
            />
            <SelectField
              id="settings-when-suppressed"
              label="When a contact cannot be emailed"
              testId="settings-when-suppressed"
              value={draft.pressure.whenSuppressed}
              options={[
                { value: "continue", label: "Skip the emails, go on" },
                { value: "exit", label: "Leave the flow" },
              ]}
              onChange={(whenSuppressed) => setPressure({ whenSuppressed: whenSuppressed as PressureDraft["whenSuppressed"] })}
            />
          </div>
        </Section>
      </SegmentBuilderDataProvider>
    </SideDrawer>
  )
}

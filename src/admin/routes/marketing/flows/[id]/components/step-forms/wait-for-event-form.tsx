import { Text } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { FormField } from "../../../../../../components/form-field"
import type { EventMatchDraft } from "../../../../../../lib/flows"
import { draftToEventFilter, eventFilterToDraft } from "../../../../../../lib/segments"
import {
  SegmentBuilderDataProvider,
  useSegmentBuilderData,
} from "../../../../segments/components/condition-builder/builder-context"
import { EventMatchFields } from "../settings/event-match-fields"
import { DurationInput } from "./duration-input"
import type { StepFormProps } from "./types"

const NO_ERRORS = new Map<string, string>()

/** The event awaited (with property filters) and how long to wait for it. */
export const WaitForEventForm = ({ draft, set, setProblem, showErrors }: StepFormProps) => {
  const builder = useSegmentBuilderData({})
  const [event, setEvent] = useState<EventMatchDraft>(() => ({
    type: draft.event?.type ?? "",
    where: eventFilterToDraft(draft.event?.where),
  }))
  const built = useMemo(
    () => (event.type ? draftToEventFilter(event.where, event.type, builder.context) : null),
    [event, builder.context]
  )

  useEffect(() => {
    if (!built) return setProblem("Choose the event to wait for")
    if (!built.ok) return setProblem("Complete the event's property filters")
    set({ event: built.where ? { type: event.type, where: built.where } : { type: event.type } })
    setProblem(null)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [built])

  return (
    <SegmentBuilderDataProvider value={{ ...builder, errors: showErrors && built ? built.errors : NO_ERRORS }}>
      <FormField id="step-wait-event" label="Wait for">
        <EventMatchFields value={event} invalid={showErrors && !event.type} testId="step-wait-event" onChange={setEvent} />
      </FormField>
      <FormField id="step-timeout" label="At most">
        <DurationInput
          id="step-timeout"
          seconds={draft.timeout_seconds}
          testId="step-timeout"
          onChange={(timeout_seconds) => set({ timeout_seconds })}
        />
      </FormField>
      <Text size="small" className="text-ui-fg-subtle">
        "Happened" is taken as soon as the event comes; "Timed out" when the time is up without it.
      </Text>
    </SegmentBuilderDataProvider>
  )
}

import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { Occurrence } from "../../../modules/marketing/flows/reactions"
import type { FlowReaction } from "../../../modules/marketing/flows/triggers"
import { marketingOf } from "../../utils/marketing"

/** What happened to one contact. */
export type ContactOccurrences = {
  contact_id: string
  /** Recorded event types (`marketing.events_recorded`): the events are loaded from the store. */
  event_types?: string[]
  /** The recorded events' ids, when the message names them (else the contact's recent events of those types). */
  event_ids?: string[]
  /** Segment entries and exits, score crossings, stage changes. */
  occurrences?: Occurrence[]
}

/** One contact's occurrences, or several contacts' (`contacts`) handled in one run. */
export type ReactToFlowOccurrencesInput = (ContactOccurrences | { contacts: ContactOccurrences[] }) & { now?: string }

/** An enrollment a goal converted or an exit condition ended. */
export type EndedEnrollment = { id: string; contact_id: string; status: "converted" | "exited"; reason: string }

export const reactToFlowOccurrencesStepId = "react-to-flow-occurrences"

/**
 * Converts enrollments whose goal happened, exits those whose exit
 * condition did, wakes wait_for_event steps whose event arrived, and enrolls
 * the contact in active flows the occurrence triggers (idempotent per
 * occurrence), contact by contact. Compensation is not needed: a retry is a
 * no-op by key and status.
 */
export const reactToFlowOccurrencesStep = createStep(
  reactToFlowOccurrencesStepId,
  async (input: ReactToFlowOccurrencesInput, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    const result: FlowReaction & { ended: EndedEnrollment[] } = { enrolled: [], woken: [], converted: [], exited: [], ended: [] }
    const add = (contactId: string, r: FlowReaction) => {
      for (const key of ["enrolled", "woken", "converted", "exited"] as const) result[key].push(...r[key])
      result.ended.push(
        ...r.converted.map((id) => ({ id, contact_id: contactId, status: "converted" as const, reason: "goal" })),
        ...r.exited.map((id) => ({ id, contact_id: contactId, status: "exited" as const, reason: "exit condition" }))
      )
    }
    const contacts = "contacts" in input ? input.contacts : [input]
    const withEvents = contacts.flatMap((c) =>
      c.event_types?.length && (!c.event_ids || c.event_ids.length) ? [{ contact_id: c.contact_id, types: c.event_types }] : []
    )
    // Two queries find who can react at all; only they load their events.
    const reacting = withEvents.length ? await marketing.contactsReactingToEvents(withEvents) : new Set<string>()
    for (const c of contacts) {
      if (c.event_types?.length && reacting.has(c.contact_id)) {
        add(c.contact_id, await marketing.reactToRecordedEvents({ contact_id: c.contact_id, types: c.event_types, event_ids: c.event_ids, now }))
      }
      if (c.occurrences?.length) add(c.contact_id, await marketing.reactToFlowOccurrences({ contact_id: c.contact_id, occurrences: c.occurrences, now }))
    }
    return new StepResponse(result)
  }
)

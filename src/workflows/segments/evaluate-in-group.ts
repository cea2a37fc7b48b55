import type { MedusaContainer } from "@medusajs/framework/types"
import { isAboutTheData } from "../utils/database-errors"
import { GroupCommit, groupFor } from "../utils/group-commit"
import { marketingOf } from "../utils/marketing"
import { evaluateSegmentsForContactsWorkflow } from "./workflows/membership"

/** Contacts re-evaluated in one run at most. */
export const SEGMENT_GROUP_MAX_CONTACTS = 200
/**
 * Evaluation runs at once per app: one, so contacts arriving meanwhile wait and
 * go together (two lanes made runs of half the size for no gain in the ingest bench).
 */
export const SEGMENT_GROUP_LANES = 1
/** A free lane waits this long for more contacts: membership may lag an event by this much, for runs several times larger. */
export const SEGMENT_GROUP_LINGER_MS = 25

/** A contact that received events of these types. */
export type RecordedForSegments = { contact_id: string; types: string[] }

type Item = { container: MedusaContainer; recorded: RecordedForSegments }

const groups = new WeakMap<object, GroupCommit<Item, void>>()

/**
 * Re-evaluates a contact that received events against the segments those
 * events can affect, in a group commit with the contacts that arrive while
 * the lanes are busy: one workflow run (and one query per affected segment)
 * for all of them, against the segments any of their event types can affect.
 * Resolves when this contact's evaluation is done.
 */
export function evaluateSegmentsInGroup(container: MedusaContainer, recorded: RecordedForSegments): Promise<void> {
  const group = groupFor(groups, marketingOf(container), () =>
    new GroupCommit<Item, void>(
      async (items) => {
        await evaluateSegmentsForContactsWorkflow(items[0].container).run({
          input: {
            contact_ids: [...new Set(items.map((i) => i.recorded.contact_id))],
            event_types: [...new Set(items.flatMap((i) => i.recorded.types))],
            fields_changed: true,
          },
        })
        return items.map(() => undefined)
      },
      { lanes: SEGMENT_GROUP_LANES, maxWeight: SEGMENT_GROUP_MAX_CONTACTS, lingerMs: SEGMENT_GROUP_LINGER_MS, retryAlone: isAboutTheData }
    )
  )
  return group.submit({ container, recorded })
}

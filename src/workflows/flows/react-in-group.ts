import type { MedusaContainer } from "@medusajs/framework/types"
import { isAboutTheData } from "../utils/database-errors"
import { GroupCommit, groupFor } from "../utils/group-commit"
import { marketingOf } from "../utils/marketing"
import type { ContactOccurrences } from "./steps/react-to-flow-occurrences"
import { reactToFlowOccurrencesWorkflow } from "./workflows/flow-runner"

/** Contacts handled in one run at most. */
export const FLOW_REACTION_GROUP_MAX_CONTACTS = 100
/**
 * Reaction runs at once per app: one, so contacts arriving meanwhile wait and
 * go together (two lanes made runs of half the size for no gain in the ingest bench).
 */
export const FLOW_REACTION_GROUP_LANES = 1
/** A free lane waits this long for more contacts: membership may lag an event by this much, for runs several times larger. */
export const FLOW_REACTION_GROUP_LINGER_MS = 25

type Item = { container: MedusaContainer; occurrences: ContactOccurrences }

const groups = new WeakMap<object, GroupCommit<Item, void>>()

/**
 * Flows' reaction to what happened to a contact, in a group commit with the
 * contacts that arrive while the lanes are busy: one workflow run for all
 * of them (each contact still reacts in its own transaction), and the
 * enrollments they start run together. Resolves when this contact's
 * reaction is done.
 */
export function reactToFlowOccurrencesInGroup(container: MedusaContainer, occurrences: ContactOccurrences): Promise<void> {
  const group = groupFor(groups, marketingOf(container), () =>
    new GroupCommit<Item, void>(
      async (items) => {
        await reactToFlowOccurrencesWorkflow(items[0].container).run({
          input: { contacts: items.map((i) => i.occurrences) },
        })
        return items.map(() => undefined)
      },
      { lanes: FLOW_REACTION_GROUP_LANES, maxWeight: FLOW_REACTION_GROUP_MAX_CONTACTS, lingerMs: FLOW_REACTION_GROUP_LINGER_MS, retryAlone: isAboutTheData }
    )
  )
  return group.submit({ container, occurrences })
}

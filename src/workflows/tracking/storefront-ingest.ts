import type { MedusaContainer } from "@medusajs/framework/types"
import { isAboutTheData, isDatabaseUnavailable } from "../utils/database-errors"
import { GroupCommit, groupFor } from "../utils/group-commit"
import { marketingOf } from "../utils/marketing"
import type { StorefrontEventsRequest } from "./steps/prepare-storefront-events"
import { StorefrontRequestOutcome, trackStorefrontEventsWorkflow } from "./workflows/track-storefront-events"

/** Storefront requests stored together at most (their events; one bigger request still runs alone). */
export const STOREFRONT_GROUP_MAX_EVENTS = 500
/** Workflow runs of the tracking route at once per app; requests beyond wait and go together. */
export const STOREFRONT_GROUP_LANES = 2

type Item = { container: MedusaContainer; request: StorefrontEventsRequest }

// Keyed by the marketing module's service, one per app: req.scope is new for every request.
const groups = new WeakMap<object, GroupCommit<Item, StorefrontRequestOutcome>>()

/**
 * Stores one storefront request's events, in a group commit with the
 * requests that arrive while the route's lanes are busy: one workflow run and
 * one transaction for all of them, each request answered with its own counts.
 * An idle store runs each request at once, alone. A group that fails is run
 * again request by request, so a request fails only for its own events.
 */
export function recordStorefrontEvents(
  container: MedusaContainer,
  request: StorefrontEventsRequest
): Promise<StorefrontRequestOutcome> {
  const group = groupFor(groups, marketingOf(container), () =>
    new GroupCommit<Item, StorefrontRequestOutcome>(
      async (items) => {
        const { result } = await trackStorefrontEventsWorkflow(items[0].container).run({
          input: { requests: items.map((i) => i.request) },
        })
        return result.requests
      },
      { lanes: STOREFRONT_GROUP_LANES, maxWeight: STOREFRONT_GROUP_MAX_EVENTS, weightOf: (i) => i.request.events.length, retryAlone: isAboutTheData, failWaiting: isDatabaseUnavailable }
    )
  )
  return group.submit({ container, request })
}

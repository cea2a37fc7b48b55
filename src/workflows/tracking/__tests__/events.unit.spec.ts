import { recordedEventMessages, recordedEventsPayload } from "../events"
import { outcomesByRequest } from "../workflows/track-storefront-events"
import { emptyIngestResult } from "../../../modules/marketing/tracking/ingest"
import type { IngestEventsResult, PreparedEvent } from "../../../modules/marketing/tracking/types"

const event = (type: string): PreparedEvent => ({
  type,
  properties: {},
  occurred_at: "2026-12-05T08:00:00.000Z",
  received_at: "2026-12-05T08:00:00.000Z",
  source: "storefront",
  profile: {},
})

const result = (over: Partial<IngestEventsResult>): IngestEventsResult => ({ ...emptyIngestResult(0), ...over })

describe("recordedEventsPayload", () => {
  it("announces attached pending cart events as the owner's new events", () => {
    const payload = recordedEventsPayload({
      events: [event("product_added_to_cart"), event("cart_created")],
      result: result({
        contact_ids: ["mcon_1", null],
        recorded: 2,
        pending: 1,
        attached: [{ contact_id: "mcon_1", types: ["cart_created", "cart_updated"], count: 3 }],
        stored: [
          { id: "mevt_a", contact_id: "mcon_1", type: "product_added_to_cart" },
          { id: "mevt_b", contact_id: "mcon_1", type: "cart_created" },
        ],
      }),
    })
    // The ids name exactly what this run stored on the contact, so flows load those events and no others.
    expect(payload.recorded).toEqual([
      { contact_id: "mcon_1", types: ["product_added_to_cart", "cart_created", "cart_updated"], event_ids: ["mevt_a", "mevt_b"] },
    ])
  })

  it("announces an attachment even when the batch itself wrote nothing new (a repeated claim)", () => {
    const payload = recordedEventsPayload({
      events: [event("checkout_started")],
      result: result({ contact_ids: ["mcon_2"], duplicates: 1, attached: [{ contact_id: "mcon_2", types: ["cart_updated"], count: 1 }] }),
    })
    expect(payload.recorded).toEqual([{ contact_id: "mcon_2", types: ["checkout_started", "cart_updated"], event_ids: [] }])
    expect(recordedEventsPayload({ events: [event("checkout_started")], result: result({ contact_ids: ["mcon_2"], duplicates: 1 }) }).recorded).toEqual([])
  })

  it("leaves out events kept pending (no contact yet)", () => {
    const payload = recordedEventsPayload({
      events: [event("cart_created")],
      result: result({ contact_ids: [null], recorded: 1, pending: 1 }),
    })
    expect(payload.recorded).toEqual([])
  })
})

describe("recordedEventMessages", () => {
  it("lists every announcement of a run in one list, events recorded first", () => {
    const messages = recordedEventMessages({
      events: [event("identify")],
      result: result({
        contact_ids: ["mcon_1"],
        recorded: 1,
        merges: [{ source_id: "mcon_0", target_id: "mcon_1" }],
        email_consent_changes: [{ contact_id: "mcon_1", status: "granted", previous: "unknown", source: "storefront" }],
      }),
    })
    expect(messages.map((m) => m.name)).toEqual([
      "marketing.events_recorded",
      "marketing.contact_merged",
      "marketing.email_consent_changed",
    ])
    expect(messages[0].data).toEqual({ contact_id: "mcon_1", types: ["identify"], event_ids: [] })
  })
})

describe("outcomesByRequest", () => {
  it("splits one call's per-event outcomes back into each request's counts", () => {
    const stored = result({ outcomes: ["recorded", "duplicate", "recorded", "dropped", "recorded", "duplicate"] })
    expect(outcomesByRequest([1, 3, 0, 2], stored)).toEqual([
      { recorded: 1, duplicates: 0, dropped: 0 },
      { recorded: 1, duplicates: 1, dropped: 1 },
      { recorded: 0, duplicates: 0, dropped: 0 },
      { recorded: 1, duplicates: 1, dropped: 0 },
    ])
  })
})

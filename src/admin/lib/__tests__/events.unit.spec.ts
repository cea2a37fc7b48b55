import { getEventDetails, getEventTypeLabel } from "../events"
import type { MarketingEvent } from "../types"

const event = (type: string, properties: Record<string, unknown>) => ({ id: "mevt_1", type, properties, occurred_at: "2026-12-07T10:00:00.000Z" }) as unknown as MarketingEvent

describe("timeline events", () => {
  it("names a signup form's submission with the form and its variant", () => {
    expect(getEventTypeLabel("form_submitted")).toBe("Signup form submitted")
    expect(getEventDetails(event("form_submitted", { form_id: "mform_1", form_name: "Welcome pop-up", variant: "b" }))).toEqual([
      { label: "Form", value: "Welcome pop-up" },
      { label: "Variant", value: "b" },
    ])
    // An older event without the name still says which form.
    expect(getEventDetails(event("form_submitted", { form_id: "mform_1" }))).toEqual([{ label: "Form", value: "mform_1" }])
  })

  it("reads a session start and engaged time", () => {
    expect(getEventDetails(event("session_started", { landing_page: "/shoes", channel: "paid_search" }))).toEqual([
      { label: "Landing page", value: "/shoes" },
      { label: "Channel", value: "paid_search" },
    ])
  })
})

import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type { DeliveryFactsRow, MessageRow } from "../../../modules/marketing/email/queue"
import { SAMPLE_CONTEXT, renderTemplate } from "../../../modules/marketing/email/templates"
import { loadRenderContexts } from "../utils/render-context"

const store = { name: "Shop", url: "https://shop.test", currency_code: "eur" }
const now = new Date("2026-12-05T10:00:00.000Z")

// Query answers nothing: these messages name no cart, order, customer or product.
const container = {
  resolve: (key: string) => {
    if (key === ContainerRegistrationKeys.QUERY) return { graph: async () => ({ data: [] }) }
    if (key === MARKETING_MODULE) return {}
    throw new Error(`unexpected ${key}`)
  },
} as any

const message = (id: string, context: Record<string, unknown>): MessageRow =>
  ({ id, contact_id: "mcon_1", email: "ada@example.com", context }) as unknown as MessageRow

const contacts = new Map([["mcon_1", { id: "mcon_1", first_name: "Ada", timezone: "Europe/Paris" } as DeliveryFactsRow]])

describe("loadRenderContexts: the flow's discount", () => {
  it("passes the enrolment's code and expiry to the template, not the promotion id", async () => {
    const discount = { code: "CART-7Q2K", expires_at: "2026-12-12T09:00:00.000Z", promotion_id: "promo_1" }
    const contexts = await loadRenderContexts(container, [message("m1", { discount }), message("m2", {})], contacts, store, now)
    expect(contexts.get("m1")!.discount).toEqual({ code: "CART-7Q2K", expires_at: "2026-12-12T09:00:00.000Z" })
    expect(contexts.get("m2")!.discount).toBeNull()

    const out = await renderTemplate(
      { subject: "{{discount.code}}", html: `<p>{{discount.code}} until {{date discount.expires_at "long"}}</p>` },
      { ...contexts.get("m1")!, unsubscribe_url: "u", preferences_url: "p" }
    )
    expect(out.subject).toBe("CART-7Q2K")
    expect(out.html).toContain("CART-7Q2K until December 12, 2026")
  })

  it("ignores a discount without a code, and a test send shows the sample code", async () => {
    const contexts = await loadRenderContexts(
      container,
      [message("m1", { discount: { code: "" } }), message("m2", { sample: true })],
      contacts,
      store,
      now
    )
    expect(contexts.get("m1")!.discount).toBeNull()
    expect(contexts.get("m2")!.discount).toEqual(SAMPLE_CONTEXT.discount)
  })
})

describe("loadRenderContexts: the contact's company fields", () => {
  it("gives templates the contact's company, industry and job title", async () => {
    const withCompany = new Map([
      ["mcon_1", { id: "mcon_1", first_name: "Ada", company: "Analytical Engines", industry: "Software", job_title: "Researcher" } as DeliveryFactsRow],
    ])
    const unknown = { ...message("m2", {}), contact_id: "mcon_2" } as MessageRow
    const contexts = await loadRenderContexts(container, [message("m1", {}), unknown], withCompany, store, now)
    const out = await renderTemplate(
      { subject: "{{contact.job_title}} at {{contact.company}} ({{contact.industry}})", html: "x" },
      { ...contexts.get("m1")!, unsubscribe_url: "u", preferences_url: "p" }
    )
    expect(out.subject).toBe("Researcher at Analytical Engines (Software)")
    expect(contexts.get("m2")!.contact).toMatchObject({ company: null, industry: null, job_title: null })
  })
})

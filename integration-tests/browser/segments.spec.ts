/**
 * The Segments page in a real browser: build a segment with the condition
 * builder, watch its live preview, save it, read its members, mirror it to a
 * customer group, and find it on a member's contact page and customer widget.
 *
 * Starts from the admin fixture (helpers/admin-app.ts: the shared app build,
 * its own database, Chromium, login). Screenshots go to
 * integration-tests/browser/screenshots/.
 */
import type { Page } from "playwright-core"
import { choose, useAdminApp } from "./helpers/admin-app"
import {
  DESKTOP_UA,
  MOBILE_UA,
  createPublishableKey,
  pollUntil,
  registerCustomer,
  visitor,
  type Api,
} from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

const SEGMENT_NAME = "French shoppers"

/** A registered customer in France: the member the customer group gets. */
const CUSTOMER = {
  email: "claire.customer@example.com",
  password: "claire-secret-1",
  first_name: "Claire",
  last_name: "Customer",
}
/** Visitors who sign up to the newsletter (identify without an account). */
const VISITORS = [
  { email: "amelie.fr@example.com", first_name: "Amélie", country_code: "fr", ua: DESKTOP_UA },
  { email: "bastien.fr@example.com", first_name: "Bastien", country_code: "fr", ua: MOBILE_UA },
  { email: "dieter.de@example.com", first_name: "Dieter", country_code: "de", ua: DESKTOP_UA },
]
const FRENCH = [CUSTOMER.email, VISITORS[0].email, VISITORS[1].email]

const app = useAdminApp({ name: "segments", database: "mma_browser_segments" })
const { shot, pageTest, waitForText, waitForAttribute, expectHeading, consoleErrors } = app
let page: Page
let api: Api
let adminJwt: string
let customer: any
let segmentId: string | null = null

beforeAll(async () => {
  ;({ page, api, adminJwt } = app)
  app.log("creating a customer and visitors in France and Germany over HTTP")
  const publishableKey = await createPublishableKey(api, adminJwt, "Segments test storefront")
  const registered = await registerCustomer(api, publishableKey, CUSTOMER)
  customer = registered.customer

  const claire = visitor({ userAgent: DESKTOP_UA })
  await api("POST", "/store/marketing/events", {
    publishableKey,
    token: registered.token,
    body: {
      events: [
        claire.event("page_viewed", { path: "/", title: "Home" }),
        claire.event("identify", { email: CUSTOMER.email, first_name: CUSTOMER.first_name, country_code: "fr" }),
      ],
    },
  })
  for (const v of VISITORS) {
    const someone = visitor({ userAgent: v.ua })
    await api("POST", "/store/marketing/events", {
      publishableKey,
      body: {
        events: [
          someone.event("page_viewed", { path: "/", title: "Home" }),
          someone.event("identify", { email: v.email, first_name: v.first_name, country_code: v.country_code }),
        ],
      },
    })
  }
  await pollUntil("the four contacts with their countries", async () => {
    const { contacts } = await api("GET", "/admin/marketing/contacts?limit=50", { token: adminJwt })
    const byEmail = new Map<string, any>(contacts.map((c: any) => [c.email, c]))
    return (
      [...FRENCH, VISITORS[2].email].every((email) => byEmail.has(email)) &&
      byEmail.get(CUSTOMER.email)?.country_code === "fr" &&
      byEmail.get(CUSTOMER.email)?.customer_id
    )
  })
})

function requireSegment(): string {
  if (!segmentId) throw new Error("The segment was not created by the previous test")
  return segmentId
}

describe("admin: segments", () => {
  pageTest("logs in and lists Segments in the Marketing overview", async () => {
    await app.openMarketingSection("segments", "Segments")
    await shot("s01-segments-empty")
  })

  pageTest("builds a segment with the condition builder and sees the live preview", async () => {
    await page.getByTestId("segment-create").click()
    const editor = page.getByTestId("segment-editor")
    await editor.waitFor({ state: "visible" })
    await editor.getByTestId("segment-name").fill(SEGMENT_NAME)

    // The builder starts with one empty contact field condition.
    const row = editor.getByTestId("segment-condition").first()
    expect(await row.getAttribute("data-kind")).toBe("field")
    await choose(row.getByTestId("segment-condition-field"), "Country")
    await choose(row.getByTestId("segment-condition-operator"), "is one of")
    await row.getByLabel("Values, separated by commas").fill("fr")

    const count = editor.getByTestId("segment-preview-count")
    await waitForAttribute(count, "data-count", "3", "the preview counting the three French contacts")
    const sample = editor.getByTestId("segment-preview-contacts")
    const sampleText = await waitForText(sample, (t) => FRENCH.every((e) => t.includes(e)), "the French contacts in the sample")
    expect(sampleText).not.toContain(VISITORS[2].email)
    await shot("s02-segment-builder-preview", count)

    // A nested OR group with a negated condition narrows it: not on mobile.
    await editor.getByTestId("segment-add-group").first().click()
    const group = editor.locator("[data-testid='segment-group'][data-depth='1']")
    await group.waitFor({ state: "visible" })
    const nested = group.getByTestId("segment-condition").first()
    await choose(nested.getByTestId("segment-condition-field"), "Device")
    await choose(nested.getByTestId("segment-condition-operator"), "is")
    await choose(nested.getByLabel("Value", { exact: true }), "mobile")
    await nested.getByTestId("segment-negate").click()
    await waitForAttribute(count, "data-count", "2", "the preview without the French mobile visitor")
    await shot("s03-segment-builder-nested", group)

    // Back to the plain country condition.
    await group.getByRole("button", { name: "Remove group" }).click()
    await waitForAttribute(count, "data-count", "3", "the preview back at three")

    // A purchase of a product id the server refuses: the preview's 400 names
    // the path, and the row shows its part of it.
    await editor.getByTestId("segment-add-condition").last().click()
    const purchase = editor.getByTestId("segment-condition").nth(1)
    await choose(purchase.getByTestId("segment-condition-kind"), "Purchase")
    await purchase.getByLabel("Product ID").fill("not an id!")
    const previewError = editor.getByTestId("segment-preview-error")
    await waitForText(previewError, (t) => t.includes("definition.and[1].purchase.product_id"), "the path in the preview error")
    await waitForText(purchase.getByTestId("segment-condition-error"), (t) => t.includes("product_id"), "the row's error")
    await shot("s03b-segment-builder-server-error", purchase)
    await purchase.getByTestId("segment-condition-remove").click()
    await waitForAttribute(count, "data-count", "3", "the preview back at three after removing the purchase")

    // Behaviour: viewed a page, filtered by an event property.
    await editor.getByTestId("segment-add-condition").last().click()
    const behaviour = editor.getByTestId("segment-condition").nth(1)
    await choose(behaviour.getByTestId("segment-condition-kind"), "Behaviour")
    await choose(behaviour.getByTestId("segment-condition-event"), "Page viewed")
    await behaviour.getByLabel("Within the last days (empty: ever)").fill("7")
    await behaviour.getByTestId("segment-add-property-filter").click()
    const property = behaviour.getByTestId("segment-group").getByTestId("segment-condition").first()
    await choose(property.getByTestId("segment-condition-field"), "Title")
    await choose(property.getByTestId("segment-condition-operator"), "is")
    await property.getByLabel("Value", { exact: true }).fill("Nowhere")
    await waitForAttribute(count, "data-count", "0", "no contact viewed a page titled Nowhere")
    await property.getByLabel("Value", { exact: true }).fill("Home")
    await waitForAttribute(count, "data-count", "3", "the three French contacts viewed Home")
    await shot("s03c-segment-builder-behaviour", behaviour)
    await behaviour.getByTestId("segment-condition-remove").first().click()

    await editor.getByTestId("segment-save").click()
    await editor.waitFor({ state: "hidden" })
  })

  pageTest("lists the new segment with its member count and trend", async () => {
    const table = page.getByTestId("segments-table")
    const row = table.locator("tr", { hasText: SEGMENT_NAME })
    await row.waitFor({ state: "visible" })
    await waitForAttribute(row.getByTestId("segment-member-count"), "data-count", "3", "3 members in the list")
    await row.getByTestId("segment-sparkline").waitFor({ state: "visible" })
    const { segments } = await api("GET", `/admin/marketing/segments?q=${encodeURIComponent(SEGMENT_NAME)}`, {
      token: adminJwt,
    })
    segmentId = segments[0].id
    expect(segments[0].definition).toEqual({ and: [{ field: "country_code", operator: "in", value: ["fr"] }] })
    await shot("s04-segments-list")
  })

  pageTest("shows the members on the segment page and mirrors it to a customer group", async () => {
    const id = requireSegment()
    await page.getByTestId("segments-table").getByText(SEGMENT_NAME).first().click()
    await page.waitForURL(new RegExp(`/app/marketing/segments/${id}$`))
    await expectHeading(SEGMENT_NAME)
    const members = page.getByTestId("segment-members-table")
    const text = await waitForText(members, (t) => FRENCH.every((e) => t.includes(e)), "the three members")
    expect(text).not.toContain(VISITORS[2].email)
    await page.getByTestId("segment-detail-sparkline").waitFor({ state: "visible" })
    await page.getByTestId("segment-conditions").getByText("Country is one of \"fr\"").waitFor({ state: "visible" })

    const mirror = page.getByTestId("segment-general").getByTestId("segment-mirror")
    expect(await mirror.getAttribute("aria-checked")).toBe("false")
    await mirror.click()
    await waitForAttribute(mirror, "aria-checked", "true", "the mirror switch on")
    await page.getByTestId("segment-customer-group-link").waitFor({ state: "visible" })
    const groupId = await pollUntil("the mirrored customer group with the customer in it", async () => {
      const { segment } = await api("GET", `/admin/marketing/segments/${id}`, { token: adminJwt })
      if (!segment.mirror_to_customer_group || !segment.customer_group_id) return null
      const { customer_group } = await api(
        "GET",
        `/admin/customer-groups/${segment.customer_group_id}?fields=id,name,customers.id`,
        { token: adminJwt }
      )
      return customer_group.customers?.some((c: any) => c.id === customer.id) ? segment.customer_group_id : null
    })
    expect(groupId).toBeTruthy()
    await shot("s05-segment-detail-mirrored")
  })

  pageTest("edits the segment in the builder, which reads its stored conditions", async () => {
    await page.getByTestId("segment-actions").click()
    await page.getByRole("menuitem", { name: "Edit" }).click()
    const editor = page.getByTestId("segment-editor")
    await editor.waitFor({ state: "visible" })
    const row = editor.getByTestId("segment-condition").first()
    expect(await row.getByTestId("segment-condition-field").innerText()).toContain("Country")
    expect(await row.getByLabel("Values, separated by commas").inputValue()).toBe("fr")
    await waitForAttribute(editor.getByTestId("segment-preview-count"), "data-count", "3", "the preview of the stored conditions")
    await editor.getByLabel("Description").fill("Contacts located in France")
    await editor.getByTestId("segment-save").click()
    await editor.waitFor({ state: "hidden" })
    await page.getByTestId("segment-general").getByText("Contacts located in France").waitFor({ state: "visible" })
  })

  pageTest("shows the segment on a member's contact page and customer widget", async () => {
    const id = requireSegment()
    await page.getByTestId("segment-members-table").getByText(VISITORS[0].email).first().click()
    await page.waitForURL(/\/app\/marketing\/contacts\/[^/?]+$/)
    const section = page.getByTestId("marketing-contact-segments")
    await waitForText(section, (t) => t.includes(SEGMENT_NAME), "the segment on the contact page")
    const link = section.getByTestId("marketing-contact-segment").first()
    expect(await link.getAttribute("href")).toContain(`/marketing/segments/${id}`)
    await shot("s06-contact-segments", section)

    await page.goto(app.url(`/app/customers/${customer.id}`))
    const widget = page.getByTestId("marketing-profile-segments")
    await waitForText(widget, (t) => t.includes(SEGMENT_NAME), "the segment in the customer widget")
    await shot("s07-customer-widget-segments", widget)
  })

  pageTest("adds a built-in segment in one click", async () => {
    await page.goto(app.url("/app/marketing/segments"))
    await page.getByTestId("segment-add-built-in").click()
    const drawer = page.getByTestId("segment-built-ins")
    await drawer.waitFor({ state: "visible" })
    const item = drawer.locator("[data-testid='segment-built-in-item'][data-key='country:de']")
    await item.waitFor({ state: "visible" })
    await shot("s08-built-ins")
    await item.getByTestId("segment-built-in-add").click()
    await waitForAttribute(item, "data-added", "true", "the built-in marked as added")
    await page.keyboard.press("Escape")
    const row = page.getByTestId("segments-table").locator("tr", { hasText: "Built-in" })
    await row.first().waitFor({ state: "visible" })
    await waitForAttribute(row.first().getByTestId("segment-member-count"), "data-count", "1", "the German visitor")
    await shot("s09-segments-list-with-built-in")
    expect(consoleErrors.filter((e) => e.includes("page error"))).toEqual([])
  })
})

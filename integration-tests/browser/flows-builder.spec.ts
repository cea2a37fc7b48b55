/**
 * Building a flow from an empty canvas, through the UI only: the
 * cart-abandonment flow. A new flow shows an empty canvas; the settings panel
 * sets the trigger (cart updated with items, a property filter in the
 * condition builder), re-entry, the goal (an order) and message pressure;
 * then wait, email (its template previewed), wait, condition (built in the
 * condition builder), discount and email on Yes, exit on No. Publishing stays
 * disabled while the graph is unfinished; once published, the flow is listed
 * as active, a screenshot of its canvas is saved, and the definition read
 * over the API is what was entered. Last, new settings the server refuses
 * for the live flow show its message and save nothing.
 *
 * Starts from the admin fixture (helpers/admin-app.ts). Screenshots go to
 * integration-tests/browser/screenshots/.
 */
import type { Page } from "playwright-core"
import { UI_TIMEOUT, choose, useAdminApp } from "./helpers/admin-app"
import { FLOWS_VIEWPORT, openedFlow } from "./helpers/flows"
import { pollUntil, type Api } from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

const app = useAdminApp({ name: "flows-builder", database: "mma_browser_flows_builder", viewport: FLOWS_VIEWPORT })
const { shot, pageTest, waitForText, waitForAttribute, expectHeading } = app
const log = app.log
let page: Page
let api: Api
let adminJwt: string
const templates: Record<string, { id: string; name: string }> = {}

const FLOW_NAME = "Cart recovery, built by hand"

const created = openedFlow("The flow was not created by a previous test")

const node = (stepId: string) => page.locator(`[data-testid='flow-node'][data-step-id='${stepId}']`)
const drawer = () => page.getByTestId("flow-step-drawer")

/** The step drawer open on `stepId`, with its form. */
async function stepDrawer(stepId: string) {
  await waitForText(drawer(), (t) => t.includes(`Step ${stepId}`), `the panel of ${stepId}`)
  return drawer().getByTestId("flow-step-editor")
}

/** Saves the step open in the drawer and waits for the form of the saved flow (a toast may be an earlier one's). */
async function saveStep() {
  const editor = drawer().getByTestId("flow-step-editor")
  const before = await editor.getAttribute("data-revision")
  await editor.getByTestId("step-save").click()
  await pollUntil("the step saved", async () => {
    const now = await editor.getAttribute("data-revision").catch(() => null)
    return now && now !== before ? now : undefined
  }, { timeoutMs: UI_TIMEOUT })
}

/** Adds a step after the one open in the drawer (on a branch when given) and returns its editor. */
async function addAfter(type: string, newId: string, branch?: string) {
  const editor = drawer().getByTestId("flow-step-editor")
  await choose(editor.getByTestId("step-add-type"), type)
  if (branch) await choose(editor.getByTestId("step-add-branch"), branch)
  await editor.getByTestId("step-add").click()
  await node(newId).waitFor({ state: "visible" })
  return stepDrawer(newId)
}

const definition = async () =>
  (await api("GET", `/admin/marketing/flows/${created.id()}`, { token: adminJwt })).flow.definition

beforeAll(async () => {
  ;({ page, api, adminJwt } = app)
  log("installing two starter templates over HTTP")
  const { templates: installed } = await api("POST", "/admin/marketing/templates/starters", {
    token: adminJwt,
    body: { keys: ["cart_abandonment", "cart_abandonment_3"] },
  })
  for (const t of installed) templates[t.starter_key] = { id: t.id, name: t.name }
  expect(Object.keys(templates).sort()).toEqual(["cart_abandonment", "cart_abandonment_3"])
})

describe("admin: building a flow", () => {
  pageTest("creates a flow, which opens on an empty canvas", async () => {
    await app.openMarketingSection("flows", "Flows")
    await page.getByTestId("flow-create").click()
    const create = page.getByTestId("flow-create-drawer")
    await create.getByLabel("Name").fill(FLOW_NAME)
    await create.getByTestId("flow-create-submit").click()
    await created.fromPage(page)
    await expectHeading(FLOW_NAME)

    await page.getByTestId("flow-empty-canvas").waitFor({ state: "visible" })
    await waitForAttribute(page.getByTestId("flow-canvas"), "data-nodes", "1", "only the trigger on the canvas")
    expect(await page.getByTestId("flow-publish").isDisabled()).toBe(true)
    expect((await definition()).steps).toEqual({})
    await shot("fb01-empty-canvas", page.getByTestId("flow-canvas"))
  })

  pageTest("sets the trigger, re-entry, goal and message pressure in the settings panel", async () => {
    await page.getByTestId("flow-settings").click()
    const settings = page.getByTestId("flow-settings-drawer")
    await settings.waitFor({ state: "visible" })
    expect(page.url()).toContain("settings=open")

    // Trigger: a cart updated with at least one item (a property filter in the condition builder).
    await choose(settings.getByTestId("settings-trigger-type"), "A contact does something (an event)")
    const trigger = settings.getByTestId("settings-trigger-event")
    await choose(trigger.getByTestId("settings-trigger-event-type"), "Cart updated")
    await trigger.getByTestId("segment-add-property-filter").click()
    const property = trigger.getByTestId("segment-condition").first()
    await choose(property.getByTestId("segment-condition-field"), "Item count")
    await choose(property.getByTestId("segment-condition-operator"), "is greater than")
    await property.getByLabel("Value", { exact: true }).fill("0")

    await choose(settings.getByTestId("settings-reentry-policy"), "Once per period")
    await settings.getByTestId("settings-reentry-days").fill("7")

    await choose(settings.getByTestId("settings-goal-kind"), "Does something (an event)")
    await choose(settings.getByTestId("settings-goal-event-type"), "Order placed")

    await settings.getByTestId("settings-bypass-cap").click()
    await choose(settings.getByTestId("settings-when-suppressed"), "Leave the flow")
    await shot("fb02-flow-settings", settings.getByTestId("settings-trigger"))

    await settings.getByTestId("flow-settings-save").click()
    await page.getByText("Flow settings saved").first().waitFor({ state: "visible" })
    await settings.waitFor({ state: "hidden" })
    await waitForText(page.getByTestId("flow-node-trigger"), (t) => t.includes("When a contact updates a cart (filtered)"), "the trigger in words")
    expect(await definition()).toMatchObject({
      trigger: { type: "event", event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gt", value: 0 } } },
      reentry: { policy: "once_per_days", days: 7 },
      goal: { event: { type: "order_placed" } },
      message_pressure: { bypass_frequency_cap: true, when_suppressed: "exit" },
    })
  })

  pageTest("adds the steps one after the other, from the first", async () => {
    // The first step, from the empty canvas: wait 1 hour.
    await choose(page.getByTestId("flow-add-start-type"), "Wait")
    await page.getByTestId("flow-add-start").click()
    await node("wait_1").waitFor({ state: "visible" })
    let editor = await stepDrawer("wait_1")
    await editor.getByTestId("step-name").fill("Wait 1 hour")
    await choose(editor.getByTestId("step-wait-unit"), "hours")
    expect(await editor.getByTestId("step-wait-amount").inputValue()).toBe("1")
    await saveStep()

    // The first reminder, its template previewed as the server renders it.
    editor = await addAfter("Send email", "send_email_1")
    await choose(editor.getByTestId("step-template"), templates.cart_abandonment.name)
    const preview = editor.getByTestId("step-template-preview")
    await waitForAttribute(preview, "data-template-id", templates.cart_abandonment.id, "the chosen template's preview")
    await waitForText(editor.getByTestId("step-template-subject"), (t) => t.length > "Subject: ".length, "the rendered subject")
    await editor.getByTestId("step-template-frame").waitFor({ state: "visible" })
    await shot("fb03-email-step-preview", drawer())
    await saveStep()

    // A day later…
    editor = await addAfter("Wait", "wait_2")
    await editor.getByTestId("step-name").fill("Wait 1 day")
    await saveStep()

    // …did they open the email, or look at a product since entering? Built in the condition builder.
    editor = await addAfter("Condition", "condition_1")
    const builder = editor.getByTestId("step-condition-builder")
    const first = builder.getByTestId("segment-condition").first()
    expect(await first.getAttribute("data-kind")).toBe("last_email")
    await choose(first.getByTestId("segment-condition-last-email"), "was clicked")
    await builder.getByTestId("segment-add-condition").first().click()
    const second = builder.getByTestId("segment-condition").nth(1)
    await choose(second.getByTestId("segment-condition-kind"), "Did since entering the flow")
    await choose(second.getByTestId("segment-condition-event"), "Product viewed")
    await choose(builder.getByTestId("segment-group-operator").first(), "any")
    await shot("fb04-condition-step", drawer())
    await saveStep()

    // Yes: a 15% code, then the last reminder carrying it.
    editor = await addAfter("Discount code", "create_discount_1", "Yes")
    await editor.getByTestId("step-discount-value").fill("15")
    await saveStep()
    editor = await addAfter("Send email", "send_email_2")
    await choose(editor.getByTestId("step-template"), templates.cart_abandonment_3.name)
    await waitForAttribute(editor.getByTestId("step-template-preview"), "data-template-id", templates.cart_abandonment_3.id, "the second template's preview")
    // The rendered preview pushes the fields below it down the drawer: a click made before it arrives can land off its button.
    await editor.getByTestId("step-template-subject").waitFor({ state: "visible" })
    // An A/B test on the last reminder: B tries another subject, 10% are held out, the winner is picked by clicks.
    await editor.getByTestId("step-holdout").fill("10")
    await editor.getByTestId("step-variants-start").click()
    await editor.getByTestId("step-variant-b-subject").fill("Last chance: 15% off your cart")
    await editor.getByTestId("step-variant-a-weight").fill("70")
    // Shares that do not add up are named, and the step is not saved.
    const revision = await editor.getAttribute("data-revision")
    await editor.getByTestId("step-save").click()
    await waitForText(editor.getByTestId("step-problem"), (t) => t.includes("add up to 120%"), "the shares' problem")
    expect(await editor.getAttribute("data-revision")).toBe(revision)
    await editor.getByTestId("step-variant-b-weight").fill("30")
    await choose(editor.getByTestId("step-auto-winner-metric"), "By click rate")
    await shot("fb04b-email-step-ab-test", drawer())
    await saveStep()

    // No branch yet: the flow cannot be published.
    expect(await page.getByTestId("flow-publish").isDisabled()).toBe(true)
    await waitForText(page.getByTestId("flow-problems"), (t) => t.includes("steps.condition_1.no"), "the missing No branch named")

    // No: leave the flow. (The panel covers the canvas: closed first.)
    await page.keyboard.press("Escape")
    await drawer().waitFor({ state: "hidden" })
    await node("condition_1").click()
    await stepDrawer("condition_1")
    await addAfter("Exit", "exit_1", "No")
    await page.keyboard.press("Escape")
    await drawer().waitFor({ state: "hidden" })
    await pollUntil("Publish enabled", async () => !(await page.getByTestId("flow-publish").isDisabled()), { timeoutMs: UI_TIMEOUT })
    expect(await page.getByTestId("flow-problems").count()).toBe(0)
  })

  pageTest("publishes it; it is listed as active, and its definition is what was entered", async () => {
    const id = created.id()
    await page.getByTestId("flow-publish").click()
    const prompt = page.getByTestId("flow-publish-prompt")
    await prompt.getByRole("button", { name: "Publish" }).click()
    await prompt.waitFor({ state: "hidden" })
    await waitForAttribute(page.getByTestId("flow-status").first(), "data-status", "active", "the flow active")
    const canvas = page.getByTestId("flow-canvas")
    await waitForAttribute(canvas, "data-nodes", "8", "the trigger and seven steps")
    await page.getByRole("button", { name: "fit view" }).click().catch(() => undefined)
    await shot("fb05-built-flow-canvas", canvas)

    await page.goto(app.url("/app/marketing/flows?status=active"))
    const row = page.getByTestId("flows-table").locator("tr", { hasText: FLOW_NAME })
    await row.waitFor({ state: "visible" })
    expect(await row.getByTestId("flow-status").getAttribute("data-status")).toBe("active")
    expect(await row.getByTestId("flow-trigger").innerText()).toBe("When a contact updates a cart (filtered)")
    await shot("fb06-flows-list-active")

    const { flow } = await api("GET", `/admin/marketing/flows/${id}`, { token: adminJwt })
    expect(flow.status).toBe("active")
    expect(flow.definition).toEqual({
      trigger: { type: "event", event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gt", value: 0 } } },
      reentry: { policy: "once_per_days", days: 7 },
      goal: { event: { type: "order_placed" } },
      message_pressure: { bypass_frequency_cap: true, when_suppressed: "exit" },
      start: "wait_1",
      steps: {
        wait_1: { type: "wait", name: "Wait 1 hour", seconds: 3600, next: "send_email_1" },
        send_email_1: { type: "send_email", template_id: templates.cart_abandonment.id, next: "wait_2" },
        wait_2: { type: "wait", name: "Wait 1 day", seconds: 86400, next: "condition_1" },
        condition_1: {
          type: "condition",
          if: { or: [{ last_email: "clicked" }, { since_entry: { event: { type: "product_viewed" } } }] },
          yes: "create_discount_1",
          no: "exit_1",
        },
        create_discount_1: { type: "create_discount", kind: "percentage", value: 15, expires_in_days: 7, next: "send_email_2" },
        send_email_2: {
          type: "send_email",
          template_id: templates.cart_abandonment_3.id,
          holdout_percent: 10,
          variants: [
            { key: "a", weight: 70 },
            { key: "b", weight: 30, subject: "Last chance: 15% off your cart" },
          ],
          auto_winner: { metric: "click_rate" },
        },
        exit_1: { type: "exit" },
      },
    })
    // The published version holds the same definition.
    const { versions } = await api("GET", `/admin/marketing/flows/${id}/versions`, { token: adminJwt })
    expect(versions[0].definition).toEqual(flow.definition)
  })

  pageTest("shows the server's refusal of a live flow's new settings, under their section", async () => {
    const id = created.id()
    const { segment } = await api("POST", "/admin/marketing/segments", {
      token: adminJwt,
      body: { name: "Soon deleted", definition: { field: "email", operator: "exists" } },
    })
    // The panel's address opens it.
    await page.goto(app.url(`/app/marketing/flows/${id}?settings=open`))
    const settings = page.getByTestId("flow-settings-drawer")
    await choose(settings.getByTestId("settings-goal-kind"), "Enters a segment")
    await choose(settings.getByTestId("settings-goal-segment"), "Soon deleted")
    // Deleted meanwhile: the panel cannot know, the server's check of a live flow does.
    await api("DELETE", `/admin/marketing/segments/${segment.id}`, { token: adminJwt })
    await settings.getByTestId("flow-settings-save").click()
    const message = await waitForText(settings.getByTestId("flow-settings-error"), (t) => t.includes("goal.segment_entered"), "the server's message")
    expect(message).toContain(segment.id)
    await waitForText(settings.getByTestId("settings-goal"), (t) => t.includes("goal.segment_entered"), "the message under the goal")
    await shot("fb07-settings-refused", settings)
    await page.keyboard.press("Escape")
    await settings.waitFor({ state: "hidden" })
    expect(page.url()).not.toContain("settings=")
    // Nothing was saved: the goal is still the order.
    const { flow } = await api("GET", `/admin/marketing/flows/${id}`, { token: adminJwt })
    expect(flow.definition.goal).toEqual({ event: { type: "order_placed" } })
    expect(flow.version_count).toBe(1)
  })

  pageTest("triggers a flow on a custom event typed by name", async () => {
    const { flow: draft } = await api("POST", "/admin/marketing/flows", {
      token: adminJwt,
      body: { name: "Quote follow-up", definition: { trigger: { type: "manual" }, reentry: { policy: "every_time" }, steps: {} } },
    })
    await page.goto(app.url(`/app/marketing/flows/${draft.id}?settings=open`))
    const settings = page.getByTestId("flow-settings-drawer")
    await choose(settings.getByTestId("settings-trigger-type"), "A contact does something (an event)")
    const trigger = settings.getByTestId("settings-trigger-event")
    await choose(trigger.getByTestId("settings-trigger-event-type"), "A custom event…")
    await trigger.getByTestId("settings-trigger-event-custom").fill("quote_requested")
    await settings.getByTestId("flow-settings-save").click()
    await settings.waitFor({ state: "hidden" })
    const { flow } = await api("GET", `/admin/marketing/flows/${draft.id}`, { token: adminJwt })
    expect(flow.definition.trigger).toEqual({ type: "event", event: { type: "custom:quote_requested" } })
    // Opened again, the panel shows the name it was given.
    await page.goto(app.url(`/app/marketing/flows/${draft.id}?settings=open`))
    const name = page.getByTestId("flow-settings-drawer").getByTestId("settings-trigger-event-custom")
    await pollUntil("the custom event's name", async () => ((await name.inputValue().catch(() => "")) === "quote_requested" ? true : undefined), {
      timeoutMs: UI_TIMEOUT,
    })
  })
})

/**
 * The Flows pages in a real browser: the empty list, the recipe gallery,
 * installing the cart-abandonment recipe (it opens as a draft on its canvas,
 * one node per step, laid out top to bottom, a screenshot saved), publishing
 * it, a contact enrolled by hand showing on the list and on the canvas, an
 * edit published as version 2 and version 1 opened read-only, a draft whose
 * split adds to 90% marked on its step with publishing disabled, and the
 * list's status filter, duplicate, pause, resume and delete. The invalid
 * split is then fixed in the step's panel, and a step added and deleted.
 *
 * Starts from the admin fixture (helpers/admin-app.ts). Screenshots go to
 * integration-tests/browser/screenshots/.
 */
import type { Page } from "playwright-core"
import { UI_TIMEOUT, useAdminApp } from "./helpers/admin-app"
import { FLOWS_VIEWPORT, openedFlow } from "./helpers/flows"
import { DESKTOP_UA, createPublishableKey, pollUntil, visitor, type Api } from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

const app = useAdminApp({ name: "flows", database: "mma_browser_flows", viewport: FLOWS_VIEWPORT })
const { shot, pageTest, waitForText, waitForAttribute, expectHeading } = app
const step = app.log
let page: Page
let api: Api
let adminJwt: string
let contactId: string

const installed = openedFlow("The recipe was not installed by a previous test")

beforeAll(async () => {
  ;({ page, api, adminJwt } = app)
  step("creating a contact over HTTP")
  const publishableKey = await createPublishableKey(api, adminJwt, "Flows test storefront")
  const someone = visitor({ userAgent: DESKTOP_UA })
  await api("POST", "/store/marketing/events", {
    publishableKey,
    body: { events: [someone.event("identify", { email: "flow.contact@example.com", first_name: "Flo" })] },
  })
  contactId = await pollUntil("the contact", async () => {
    const { contacts } = await api("GET", "/admin/marketing/contacts?q=flow.contact%40example.com", { token: adminJwt })
    return contacts[0]?.id
  })
})

/** The canvas's step nodes, by step id. */
const node = (stepId: string) => page.locator(`[data-testid='flow-node'][data-step-id='${stepId}']`)

describe("admin: flows", () => {
  pageTest("opens Flows from the Marketing overview, empty", async () => {
    await app.openMarketingSection("flows", "Flows")
    await page.getByText("No flows yet").waitFor({ state: "visible" })
  })

  pageTest("shows the recipe gallery by goal, with steps and templates", async () => {
    const { recipes } = await api("GET", "/admin/marketing/flows/recipes", { token: adminJwt })
    await page.getByTestId("flow-recipes").click()
    await page.waitForURL(/\/app\/marketing\/flows\/recipes$/)
    for (const group of ["acquisition", "loyalty"]) {
      const section = page.getByTestId(`recipes-${group}`)
      const mine = recipes.filter((r: any) => r.group === group)
      await section.locator("[data-testid^='recipe-']").filter({ has: page.getByTestId("recipe-use") }).nth(mine.length - 1).waitFor()
      expect(await section.getByTestId("recipe-use").count()).toBe(mine.length)
    }
    const cart = recipes.find((r: any) => r.key === "cart_abandonment")
    const card = page.getByTestId("recipe-cart_abandonment")
    expect(await card.getByTestId("recipe-steps").locator("li").count()).toBe(cart.steps.length)
    expect(await card.getByTestId("recipe-templates").locator("> *").count()).toBe(cart.templates.length)
    await shot("f01-recipe-gallery")
  })

  pageTest("installs the cart-abandonment recipe and shows it on the canvas", async () => {
    await page.getByTestId("recipe-cart_abandonment").getByTestId("recipe-use").click()
    const flowId = await installed.fromPage(page)
    const { flow } = await api("GET", `/admin/marketing/flows/${flowId}`, { token: adminJwt })
    expect(flow).toMatchObject({ status: "draft", recipe_key: "cart_abandonment" })
    await expectHeading(flow.name)

    const stepIds = Object.keys(flow.definition.steps)
    const canvas = page.getByTestId("flow-canvas")
    await waitForAttribute(canvas, "data-nodes", String(stepIds.length + 1), "a node per step and the trigger")
    await node(flow.definition.start).waitFor({ state: "visible" })
    expect(await page.getByTestId("flow-node").count()).toBe(stepIds.length)
    await waitForText(page.getByTestId("flow-node-trigger"), (t) => t.includes("When a contact updates a cart"), "the trigger in words")
    // Top to bottom: the first step sits under the trigger.
    const trigger = await page.getByTestId("flow-node-trigger").boundingBox()
    const first = await node(flow.definition.start).boundingBox()
    expect(first!.y).toBeGreaterThan(trigger!.y)
    // A valid draft: nothing to fix, publishing allowed.
    await pollUntil("the Publish button enabled", async () => !(await page.getByTestId("flow-publish").isDisabled()), {
      timeoutMs: UI_TIMEOUT,
    })
    expect(await page.getByTestId("flow-problems").count()).toBe(0)
    await shot("f02-flow-canvas", canvas)

    // A step's panel.
    await node(flow.definition.start).click()
    const drawer = page.getByTestId("flow-step-drawer")
    await drawer.waitFor({ state: "visible" })
    expect(await drawer.innerText()).toContain(flow.definition.start)
    await page.keyboard.press("Escape")
    await drawer.waitFor({ state: "hidden" })
  })

  pageTest("publishes it, and a contact enrolled by hand shows on the list and the canvas", async () => {
    const id = installed.id()
    await page.getByTestId("flow-publish").click()
    const prompt = page.getByTestId("flow-publish-prompt")
    await prompt.getByRole("button", { name: "Publish" }).click()
    await prompt.waitFor({ state: "hidden" })
    await waitForAttribute(page.getByTestId("flow-status").first(), "data-status", "active", "the flow active")

    await api("POST", `/admin/marketing/flows/${id}/enrollments`, { token: adminJwt, body: { contact_id: contactId } })
    const { flow } = await api("GET", `/admin/marketing/flows/${id}`, { token: adminJwt })
    expect(flow.active_enrollment_count).toBe(1)
    const { steps } = await api("GET", `/admin/marketing/flows/${id}/stats?version_id=${flow.active_version_id}`, { token: adminJwt })
    const [waitingAt, numbers] = Object.entries<any>(steps).find(([, s]) => s.waiting === 1)!

    await page.reload()
    await waitForText(node(waitingAt).getByTestId("flow-node-numbers"), (t) => t.includes(`${numbers.entered} entered · 1 waiting`), "the step's numbers")

    await page.goto(app.url("/app/marketing/flows?status=active"))
    const row = page.getByTestId("flows-table").locator("tr", { hasText: flow.name })
    await row.waitFor({ state: "visible" })
    expect(await row.getByTestId("flow-active").innerText()).toBe("1")
    expect(await row.getByTestId("flow-entered").innerText()).toBe("1")
    expect(await row.getByTestId("flow-trigger").innerText()).toBe("When a contact updates a cart (filtered)")
    expect(await row.getByTestId("flow-sparkline").getAttribute("data-last")).toBe("1")
    await shot("f03-flows-list")
    // The status filter: no drafts.
    await page.goto(app.url("/app/marketing/flows?status=draft"))
    await page.getByText("No matching flows").waitFor({ state: "visible" })
  })

  pageTest("publishes an edit as version 2 and opens version 1 read-only", async () => {
    const id = installed.id()
    const { flow } = await api("GET", `/admin/marketing/flows/${id}`, { token: adminJwt })
    const start = flow.definition.start
    expect(flow.definition.steps[start]).toMatchObject({ type: "wait" })
    const edited = structuredClone(flow.definition)
    edited.steps[start].seconds = 2 * 3600
    await api("POST", `/admin/marketing/flows/${id}`, { token: adminJwt, body: { definition: edited } })

    await page.goto(app.url(`/app/marketing/flows/${id}`))
    await waitForText(node(start), (t) => t.includes("Wait 2 hours"), "the edited wait")
    await page.getByTestId("flow-version-select").click()
    await page.getByRole("option", { name: /^Version 1/ }).click()
    await page.getByTestId("flow-readonly").waitFor({ state: "visible" })
    expect(page.url()).toContain("version=1")
    await waitForText(node(start), (t) => t.includes("Wait 1 hour"), "version 1's wait")
    expect(await page.getByTestId("flow-readonly").innerText()).toContain("Version 1")
    await shot("f04-version-1-read-only")

    await page.getByTestId("flow-version-select").click()
    await page.getByRole("option", { name: /Version 2 \(live\)/ }).click()
    await waitForText(node(start), (t) => t.includes("Wait 2 hours"), "version 2's wait")
  })

  pageTest("marks the step of an invalid draft and keeps publishing disabled", async () => {
    const { flow } = await api("POST", "/admin/marketing/flows", {
      token: adminJwt,
      body: {
        name: "Uneven split",
        definition: {
          trigger: { type: "manual" },
          reentry: { policy: "once" },
          start: "split",
          steps: {
            split: { type: "random_split", branches: [{ key: "a", percent: 50, next: "done" }, { key: "b", percent: 40, next: "done" }] },
            done: { type: "exit" },
          },
        },
      },
    })
    await page.goto(app.url(`/app/marketing/flows/${flow.id}`))
    await waitForAttribute(node("split"), "data-invalid", "true", "the split marked invalid")
    expect(await node("done").getAttribute("data-invalid")).toBeNull()
    expect(await page.getByTestId("flow-problems").innerText()).toContain("steps.split")
    expect(await page.getByTestId("flow-publish").isDisabled()).toBe(true)
    await shot("f05-invalid-split", page.getByTestId("flow-canvas"))

    // Fixed in the step's panel: 50 / 50, saved, and the draft can be published.
    await node("split").click()
    const drawer = page.getByTestId("flow-step-drawer")
    await drawer.getByTestId("step-split-b").fill("50")
    await drawer.getByTestId("step-save").click()
    await page.getByText("Step saved").first().waitFor({ state: "visible" })
    await pollUntil("the split valid", async () => (await node("split").getAttribute("data-invalid")) === null, { timeoutMs: UI_TIMEOUT })
    await pollUntil("Publish enabled", async () => !(await page.getByTestId("flow-publish").isDisabled()), { timeoutMs: UI_TIMEOUT })

    // A wait added on branch A, then deleted (asked first): the branch leads to the exit again.
    // (The split's panel is still open.)
    await drawer.getByTestId("step-add-type").click()
    await page.getByRole("option", { name: "Wait", exact: true }).click()
    await drawer.getByTestId("step-add").click()
    await node("wait_1").waitFor({ state: "visible" })
    let saved = (await api("GET", `/admin/marketing/flows/${flow.id}`, { token: adminJwt })).flow.definition
    expect(saved.steps.split.branches).toEqual([
      { key: "a", percent: 50, next: "wait_1" },
      { key: "b", percent: 50, next: "done" },
    ])
    expect(saved.steps.wait_1).toEqual({ type: "wait", seconds: 86400, next: "done" })
    await shot("f06-step-added", page.getByTestId("flow-canvas"))
    await page.getByTestId("flow-step-drawer").getByTestId("step-delete").click()
    await page.getByTestId("step-delete-prompt").getByRole("button", { name: "Delete" }).click()
    await node("wait_1").waitFor({ state: "detached" })
    saved = (await api("GET", `/admin/marketing/flows/${flow.id}`, { token: adminJwt })).flow.definition
    expect(saved.steps.split.branches[0].next).toBe("done")
    expect(saved.steps.wait_1).toBeUndefined()
  })

  pageTest("duplicates, pauses, resumes and deletes from the list", async () => {
    await page.goto(app.url("/app/marketing/flows"))
    const table = page.getByTestId("flows-table")
    const { flow } = await api("GET", `/admin/marketing/flows/${installed.id()}`, { token: adminJwt })
    // By the exact name: "<name> (copy)" contains the original's name too.
    const rowOf = (name: string) => table.locator("tr").filter({ has: page.getByText(name, { exact: true }) }).first()
    const menu = async (name: string, item: string) => {
      await rowOf(name).locator("button").last().click()
      await page.getByRole("menuitem", { name: item }).click()
    }

    await menu(flow.name, "Duplicate")
    await page.waitForURL((u) => /\/flows\/mflow_/.test(u.pathname) && !u.pathname.endsWith(flow.id))
    await expectHeading(`${flow.name} (copy)`)

    await page.goto(app.url("/app/marketing/flows"))
    await menu(flow.name, "Pause")
    await page.getByTestId("flow-pause-prompt").getByRole("button", { name: "Pause" }).click()
    await waitForAttribute(rowOf(flow.name).getByTestId("flow-status"), "data-status", "paused", "the flow paused")
    await menu(flow.name, "Resume")
    await waitForAttribute(rowOf(flow.name).getByTestId("flow-status"), "data-status", "active", "the flow resumed")

    await menu(`${flow.name} (copy)`, "Delete")
    await page.getByTestId("flow-delete").getByRole("button", { name: "Delete" }).click()
    await rowOf(`${flow.name} (copy)`).waitFor({ state: "detached" })
    const { flows } = await api("GET", "/admin/marketing/flows", { token: adminJwt })
    expect(flows.map((f: any) => f.name)).not.toContain(`${flow.name} (copy)`)
  })
})

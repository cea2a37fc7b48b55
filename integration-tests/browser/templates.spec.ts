/**
 * The Templates page in a real browser: install the starter templates, open
 * one, edit it with the live preview (variable picker, preview as a real
 * contact, desktop and mobile widths, a syntax error with its line and
 * column), save it and read it back, send a test, and create and delete a
 * template. Then, on a contact's page: their emails, their consent history,
 * and the privacy actions (export their data as JSON, erase it).
 *
 * Starts from the admin fixture (helpers/admin-app.ts: the shared app build,
 * its own database, Chromium, login). Screenshots go to
 * integration-tests/browser/screenshots/.
 */
import fs from "fs"
import type { FrameLocator, Page } from "playwright-core"
import { UI_TIMEOUT, useAdminApp } from "./helpers/admin-app"
import { DESKTOP_UA, createPublishableKey, pollUntil, visitor, type Api } from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

/** A subscriber the preview can be rendered for. */
const SUBSCRIBER = { email: "camille.subscriber@example.com", first_name: "Camille" }
const SUBJECT_PREFIX = "Browser test for "
const SAVED_SUBJECT = `${SUBJECT_PREFIX}{{contact.first_name}}`
const BODY_MARKER = "Browser marker: thanks for joining"
const TEST_SEND_TO = "qa.inbox@example.com"

const app = useAdminApp({ name: "templates", database: "mma_browser_templates", viewport: { width: 1600, height: 1000 } })
const { shot, pageTest, waitForText, waitForAttribute, expectHeading, consoleErrors } = app
const step = app.log
let page: Page
let api: Api
let adminJwt: string
let templateId: string | null = null

/** The rendered email inside the sandboxed preview frame. */
function previewFrame(): FrameLocator {
  return page.frameLocator("[data-testid='template-preview-frame']")
}

async function waitForFrameText(predicate: (text: string) => boolean, what: string) {
  return waitForText(previewFrame().locator("body"), predicate, what)
}

async function frameWidth(): Promise<number> {
  const box = await page.getByTestId("template-preview-frame").boundingBox()
  if (!box) throw new Error("The preview frame is not on screen")
  return Math.round(box.width)
}

beforeAll(async () => {
  ;({ page, api, adminJwt } = app)
  app.log("creating a newsletter subscriber over HTTP")
  const publishableKey = await createPublishableKey(api, adminJwt, "Templates test storefront")
  const someone = visitor({ userAgent: DESKTOP_UA })
  await api("POST", "/store/marketing/events", {
    publishableKey,
    body: {
      events: [
        someone.event("page_viewed", { path: "/", title: "Home" }),
        someone.event("identify", { email: SUBSCRIBER.email, first_name: SUBSCRIBER.first_name }),
      ],
    },
  })
  await pollUntil("the subscriber's contact", async () => {
    const { contacts } = await api("GET", `/admin/marketing/contacts?q=${encodeURIComponent(SUBSCRIBER.email)}`, {
      token: adminJwt,
    })
    return contacts.some((c: any) => c.email === SUBSCRIBER.email && c.first_name === SUBSCRIBER.first_name)
  })
})

function requireTemplate(): string {
  if (!templateId) throw new Error("The starter template was not opened by a previous test")
  return templateId
}

describe("admin: email templates", () => {
  pageTest("logs in and opens Templates from the Marketing overview", async () => {
    await app.openMarketingSection("templates", "Templates")
    await page.getByText("No templates yet").waitFor({ state: "visible" })
    await shot("t01-templates-empty")
  })

  pageTest("installs the starter templates", async () => {
    const { starters } = await api("GET", "/admin/marketing/templates/starters", { token: adminJwt })
    expect(starters.length).toBeGreaterThan(0)

    await page.getByTestId("template-add-starters").click()
    const drawer = page.getByTestId("template-starters")
    await drawer.waitFor({ state: "visible" })
    // The list loads after the drawer opens (skeletons first).
    await drawer.getByTestId("template-starter-item").nth(starters.length - 1).waitFor({ state: "visible" })
    expect(await drawer.getByTestId("template-starter-item").count()).toBe(starters.length)
    // The drawer may still be animating in when the first click lands: click until all are selected.
    const selectAll = drawer.getByTestId("template-starters-all")
    const install = drawer.getByTestId("template-starters-install")
    await pollUntil(
      "every starter selected",
      async () => {
        if ((await install.innerText()).includes(`Add ${starters.length}`)) return true
        if ((await selectAll.getAttribute("data-state")) !== "checked") await selectAll.click()
        return false
      },
      { timeoutMs: UI_TIMEOUT }
    )
    await shot("t02-starters-drawer", drawer)
    await install.click()
    await drawer.waitFor({ state: "hidden" })
    await page.getByText(`${starters.length} templates were added`).first().waitFor({ state: "visible" })

    const table = page.getByTestId("templates-table")
    const welcome = table.locator("tr", { hasText: "Welcome" }).first()
    await welcome.waitFor({ state: "visible" })
    await welcome.getByTestId("template-starter").waitFor({ state: "visible" })
    expect(await welcome.innerText()).toContain("Marketing")
    await shot("t03-templates-list")

    // Installed starters cannot be picked again.
    await page.getByTestId("template-add-starters").click()
    await drawer.waitFor({ state: "visible" })
    const item = drawer.locator("[data-testid='template-starter-item'][data-key='welcome']")
    await waitForAttribute(item, "data-installed", "true", "the welcome starter marked as installed")
    expect(await item.getByTestId("template-starter-checkbox").isDisabled()).toBe(true)
    expect(await drawer.getByTestId("template-starters-install").isDisabled()).toBe(true)
    await page.keyboard.press("Escape")
    await drawer.waitFor({ state: "hidden" })
  })

  pageTest("opens a starter template with its live preview", async () => {
    await page.getByTestId("templates-table").locator("tr", { hasText: "Welcome" }).first().click()
    await page.waitForURL(/\/app\/marketing\/templates\/mtpl_[^/]+$/)
    templateId = page.url().split("/").pop()!
    await expectHeading("Welcome")
    expect(await page.getByTestId("template-body-format-mjml").getAttribute("data-state")).toBe("active")

    // Rendered with the sample contact, Ada.
    await waitForText(page.getByTestId("template-preview-subject"), (t) => t.includes("Ada"), "the sample subject")
    await waitForFrameText((t) => t.includes("Thanks for joining"), "the welcome text in the preview frame")
    await shot("t04-template-editor")
  })

  pageTest("edits the subject with the variable picker and the body; the preview follows", async () => {
    const subject = page.getByTestId("template-subject")
    await subject.fill(SUBJECT_PREFIX)
    await subject.press("End")
    await page.getByTestId("template-variable-picker").click()
    const variables = page.getByTestId("template-variables")
    await variables.waitFor({ state: "visible" })
    await variables.getByLabel("Search variables").fill("first_name")
    await variables.locator("[data-testid='template-variable'][data-path='contact.first_name']").click()
    await variables.waitFor({ state: "hidden" })
    expect(await subject.inputValue()).toBe(SAVED_SUBJECT)
    await waitForText(
      page.getByTestId("template-preview-subject"),
      (t) => t.trim() === `${SUBJECT_PREFIX}Ada`,
      "the edited subject in the preview"
    )
    expect(await page.getByTestId("template-editor-state").innerText()).toBe("Unsaved changes")

    const body = page.getByTestId("template-body")
    const original = await body.inputValue()
    expect(original).toContain("Thanks for joining")
    await body.fill(original.replace("Thanks for joining", BODY_MARKER))
    await waitForFrameText((t) => t.includes(BODY_MARKER), "the edited body in the preview frame")
    await shot("t05-template-edited", page.getByTestId("template-preview"))
  })

  pageTest("previews as a real contact", async () => {
    await page.getByTestId("template-preview-contact-search").fill("camille")
    await page.getByTestId("template-preview-contact-option").filter({ hasText: SUBSCRIBER.email }).click()
    await page.getByTestId("template-preview-contact").waitFor({ state: "visible" })
    await waitForText(
      page.getByTestId("template-preview-subject"),
      (t) => t.trim() === `${SUBJECT_PREFIX}${SUBSCRIBER.first_name}`,
      "the subject rendered for the subscriber"
    )
    await shot("t06-preview-as-contact", page.getByTestId("template-preview"))
    await page.getByTestId("template-preview-contact-clear").click()
    await waitForText(
      page.getByTestId("template-preview-subject"),
      (t) => t.trim() === `${SUBJECT_PREFIX}Ada`,
      "the subject back with the sample contact"
    )
  })

  pageTest("switches the preview between desktop and mobile widths", async () => {
    expect(await frameWidth()).toBeGreaterThanOrEqual(600)
    await page.getByTestId("template-preview-mobile").click()
    await waitForAttribute(page.getByTestId("template-preview-frame"), "data-view", "mobile", "the mobile preview")
    expect(await frameWidth()).toBe(375)
    await waitForFrameText((t) => t.includes(BODY_MARKER), "the email in the mobile frame")
    await shot("t07-preview-mobile", page.getByTestId("template-preview"))
    await page.getByTestId("template-preview-desktop").click()
    await waitForAttribute(page.getByTestId("template-preview-frame"), "data-view", "desktop", "the desktop preview")
    expect(await frameWidth()).toBeGreaterThanOrEqual(600)
  })

  pageTest("shows a template syntax error with its line and column, without breaking the page", async () => {
    const body = page.getByTestId("template-body")
    const valid = await body.inputValue()
    await body.fill(valid.replace(BODY_MARKER, `{{#if contact.first_name}}${BODY_MARKER}`))
    const error = page.getByTestId("template-body-error")
    const text = await waitForText(error, (t) => /Line \d+, column \d+/.test(t), "the line and column of the error")
    step(`syntax error shown: ${text.replace(/\s+/g, " ").slice(0, 200)}`)
    expect(await error.getAttribute("role")).toBe("alert")
    // The last good render stays on screen.
    await waitForFrameText((t) => t.includes(BODY_MARKER), "the last good render")
    await expectHeading("Welcome")
    await shot("t08-syntax-error", error)

    await body.fill(valid)
    await error.waitFor({ state: "hidden" })
    await waitForFrameText((t) => t.includes(BODY_MARKER), "the preview after the fix")
  })

  pageTest("saves the template and finds the change after a reload", async () => {
    const id = requireTemplate()
    await page.getByTestId("template-save").click()
    await page.getByText('"Welcome" was saved').first().waitFor({ state: "visible" })
    await waitForText(page.getByTestId("template-editor-state"), (t) => t === "All changes saved", "the saved state")

    const { template } = await api("GET", `/admin/marketing/templates/${id}`, { token: adminJwt })
    expect(template.subject).toBe(SAVED_SUBJECT)
    expect(template.mjml).toContain(BODY_MARKER)

    await page.reload()
    const subject = page.getByTestId("template-subject")
    await subject.waitFor({ state: "visible" })
    expect(await subject.inputValue()).toBe(SAVED_SUBJECT)
    expect(await page.getByTestId("template-body").inputValue()).toContain(BODY_MARKER)
    await waitForFrameText((t) => t.includes(BODY_MARKER), "the saved body in the preview after a reload")
    await shot("t09-saved-and-reloaded")
  })

  pageTest("sends a test email", async () => {
    await page.getByTestId("template-test-send-open").click()
    const drawer = page.getByTestId("template-test-send")
    await drawer.waitFor({ state: "visible" })
    const to = drawer.getByTestId("template-test-send-to")
    await to.fill(TEST_SEND_TO)
    await drawer.getByTestId("template-test-send-submit").click()

    // A toast when the message went out (or was queued), the error otherwise.
    const sent = page.getByText(`Sent to ${TEST_SEND_TO}`).first()
    const queued = page.getByText(`Test email to ${TEST_SEND_TO}`).first()
    const failure = drawer.getByTestId("template-test-send-error")
    const outcome = await pollUntil(
      "the outcome of the test send",
      async () =>
        ((await sent.isVisible().catch(() => false)) && "sent") ||
        ((await queued.isVisible().catch(() => false)) && "queued") ||
        ((await failure.isVisible().catch(() => false)) && `error: ${await failure.innerText()}`),
      { timeoutMs: UI_TIMEOUT }
    )
    step(`test send: ${outcome}`)
    // The browser app's email channel is Medusa's local provider, which always accepts.
    expect(outcome).toBe("sent")
    await shot("t10-test-send")
    if (await drawer.isVisible()) {
      await page.keyboard.press("Escape")
      await drawer.waitFor({ state: "hidden" })
    }
  })

  pageTest("creates a template and deletes it", async () => {
    await page.goto(app.url("/app/marketing/templates"))
    await page.getByTestId("template-create").click()
    await page.waitForURL(/\/app\/marketing\/templates\/create$/)
    await expectHeading("Create template")
    await page.getByTestId("template-name").fill("Browser scratch")
    await page.getByTestId("template-subject").fill("Hello {{contact.first_name}}")
    // The example body renders as soon as there is a subject.
    await waitForText(page.getByTestId("template-preview-subject"), (t) => t.trim() === "Hello Ada", "the new template's subject")
    await waitForFrameText((t) => t.includes("Write your message here."), "the example body")
    await page.getByTestId("template-save").click()
    await page.waitForURL(/\/app\/marketing\/templates\/mtpl_[^/]+$/)
    const id = page.url().split("/").pop()!
    await expectHeading("Browser scratch")
    await shot("t11-template-created")

    await page.getByTestId("template-actions").click()
    await page.getByRole("menuitem", { name: "Delete" }).click()
    const prompt = page.getByTestId("template-delete")
    await prompt.waitFor({ state: "visible" })
    await prompt.getByRole("button", { name: "Delete" }).click()
    await page.waitForURL(/\/app\/marketing\/templates$/)
    await page.getByTestId("templates-table").locator("tr", { hasText: "Welcome" }).first().waitFor({ state: "visible" })
    await waitForText(page.getByTestId("templates-table"), (t) => !t.includes("Browser scratch"), "the deleted template gone from the list")
    const gone = await api("GET", `/admin/marketing/templates/${id}`, { token: adminJwt }).catch((e: any) => e.status)
    expect(gone).toBe(404)

  })

  pageTest("shows a contact's emails and consent history, exports and erases their data", async () => {
    const { contacts } = await api("GET", `/admin/marketing/contacts?q=${encodeURIComponent(SUBSCRIBER.email)}`, {
      token: adminJwt,
    })
    const contact = contacts.find((c: any) => c.email === SUBSCRIBER.email)
    await api("POST", `/admin/marketing/contacts/${contact.id}/consent`, { token: adminJwt, body: { status: "granted" } })

    await page.goto(app.url(`/app/marketing/contacts/${contact.id}`))
    await expectHeading(SUBSCRIBER.email)
    const emails = page.getByTestId("marketing-contact-emails")
    await waitForText(
      emails,
      (t) => /No email was sent|\d+ emails?/.test(t),
      "the contact's emails (or that there are none)"
    )
    const history = page.getByTestId("marketing-contact-consent-history")
    await history.locator("[data-testid='marketing-contact-consent-record'][data-status='granted']").first().waitFor()
    expect(await history.innerText()).toContain("Via admin")
    await shot("t12-contact-emails-consent", history)

    await page.getByTestId("marketing-contact-actions").click()
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("marketing-contact-export").click(),
    ])
    expect(download.suggestedFilename()).toBe(`contact-${contact.id}.json`)
    const exported = JSON.parse(fs.readFileSync((await download.path())!, "utf8"))
    expect(JSON.stringify(exported)).toContain(SUBSCRIBER.email)
    await page.getByText("The contact's data was exported").first().waitFor({ state: "visible" })
    await page.getByRole("menu").waitFor({ state: "hidden" })

    await page.getByTestId("marketing-contact-actions").click()
    await page.getByTestId("marketing-contact-erase").click()
    const prompt = page.getByTestId("marketing-contact-erase-prompt")
    await prompt.waitFor({ state: "visible" })
    expect(await prompt.innerText()).toContain("cannot be undone")
    await shot("t13-contact-erase-prompt", prompt)
    await prompt.getByRole("button", { name: "Erase data" }).click()
    await page.waitForURL(/\/app\/marketing\/contacts$/)
    const gone = await api("GET", `/admin/marketing/contacts/${contact.id}`, { token: adminJwt }).catch((e: any) => e.status)
    expect(gone).toBe(404)

    expect(consoleErrors.filter((e) => e.includes("page error"))).toEqual([])
  })
})

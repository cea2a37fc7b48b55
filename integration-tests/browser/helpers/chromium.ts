/**
 * Debian's Chromium driven by playwright-core, shared by every browser spec:
 * find it (never download one), launch it, and save a screenshot when a test
 * fails.
 */
import fs from "fs"
import path from "path"
import { chromium, type Browser, type Page } from "playwright-core"

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
export const SCREENSHOTS = path.resolve(__dirname, "..", "screenshots")

/**
 * Fails clearly when Chromium is missing. It may still be coming from a
 * background `apt-get install` (/tmp/apt.log ends with APT_EXIT <n>): wait for that.
 */
export async function waitForChromium(): Promise<void> {
  const deadline = Date.now() + 240_000
  while (!fs.existsSync(CHROMIUM) && Date.now() < deadline) {
    const log = fs.existsSync("/tmp/apt.log") ? fs.readFileSync("/tmp/apt.log", "utf8") : ""
    if (!log || /APT_EXIT \d+\s*$/.test(log)) break
    await new Promise((r) => setTimeout(r, 2000))
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) ` +
        `or set CHROMIUM_PATH to a Chromium/Chrome binary. The browser tests do not download browsers.`
    )
  }
}

export async function launchChromium(): Promise<Browser> {
  await waitForChromium()
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
}

/** Saves a full-page screenshot to integration-tests/browser/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const file = path.join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/**
 * `it`, plus a screenshot named FAILED-<prefix>-<test> of the current page
 * when the test fails; `onFailure` may log more (e.g. console errors).
 */
export function screenshotOnFailure(opts: {
  prefix: string
  page: () => Page | undefined
  onFailure?: (file: string | null) => void
}) {
  return (name: string, fn: () => Promise<void>, timeout?: number) =>
    it(
      name,
      async () => {
        try {
          await fn()
        } catch (e) {
          const page = opts.page()
          if (page && !page.isClosed()) {
            const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase().slice(0, 60)
            const file = await saveScreenshot(page, `FAILED-${opts.prefix}-${slug}`).catch(() => null)
            opts.onFailure?.(file)
          }
          throw e
        }
      },
      timeout
    )
}

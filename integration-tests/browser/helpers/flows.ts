/**
 * What the Flows specs share: the flow an early test opens on its canvas,
 * which the later tests of the spec go on with.
 */
import type { Page } from "playwright-core"

/** Wide enough for the canvas and a step's drawer side by side. */
export const FLOWS_VIEWPORT = { width: 1600, height: 1000 }

/**
 * The flow a test opens (a recipe installed, a flow created): `fromPage` once
 * the admin has moved to its canvas, `id()` for the tests after it, which fail
 * with `missing` when it was not opened.
 */
export function openedFlow(missing: string) {
  let flowId: string | null = null
  return {
    async fromPage(page: Page) {
      await page.waitForURL(/\/app\/marketing\/flows\/mflow_[^/?]+$/)
      flowId = page.url().split("/").pop()!
      return flowId
    },
    id() {
      if (!flowId) throw new Error(missing)
      return flowId
    },
  }
}

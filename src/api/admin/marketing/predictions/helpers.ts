import type { MedusaContainer } from "@medusajs/framework/types"
import type { CurrencyFit } from "../../../../modules/marketing/predictions/fit-store"
import { fitPredictionsWorkflow } from "../../../../workflows/predictions"
import { marketingOf } from "../../../../workflows/utils/marketing"

export type FitRun = {
  id: string
  status: "running" | "done" | "skipped" | "failed"
  started_at: string
  finished_at: string | null
  error: string | null
  fits: CurrencyFit[]
}

// This instance's fit started from the admin: the one running, else the last one. Another instance's fit
// shows through the fit's lock (isPredictionFitRunning), which is what refuses a second one across instances.
let latest: FitRun | null = null

/** This instance's latest admin fit, running or finished. */
export const latestFitRun = (): FitRun | null => latest

/**
 * Starts a forced fit in the background and answers at once: on a store with
 * 300k customers a fit takes 10 to 30 s, longer than a request should wait.
 * Refused, with why, while a fit runs here or on another instance. (Not a
 * thrown CONFLICT: Medusa's error handler replaces its message with one about
 * idempotency keys.)
 */
export async function startFitRun(scope: MedusaContainer): Promise<{ run: FitRun } | { refused: string }> {
  if (latest?.status === "running") {
    return { refused: `A fit is already running (started at ${latest.started_at}); wait for it to finish before starting another.` }
  }
  // Claimed before the first await, so two requests to this instance cannot both start one.
  const run: FitRun = {
    id: `fit-predictions-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    status: "running",
    started_at: new Date().toISOString(),
    finished_at: null,
    error: null,
    fits: [],
  }
  const previous = latest
  latest = run
  let elsewhere: boolean
  try {
    elsewhere = await marketingOf(scope).isPredictionFitRunning()
  } catch (e) {
    latest = previous
    throw e
  }
  if (elsewhere) {
    latest = previous
    return {
      refused:
        "A fit is already running on another instance of the store (the nightly job or another admin); wait for it to finish before starting another.",
    }
  }
  fitPredictionsWorkflow(scope)
    .run({ input: { force: true }, context: { transactionId: run.id } })
    .then(
      ({ result }) => finish(run, result.skipped ? "skipped" : "done", result.fits, result.skipped ? SKIPPED : null),
      (e: unknown) => finish(run, "failed", [], e instanceof Error ? e.message : String(e))
    )
  return { run }
}

const SKIPPED = "Another instance started a fit at the same moment; its figures are the ones shown."

function finish(run: FitRun, status: FitRun["status"], fits: CurrencyFit[], error: string | null) {
  Object.assign(run, { status, fits, error, finished_at: new Date().toISOString() })
}

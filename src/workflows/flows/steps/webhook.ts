import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import {
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_SIGNATURE_HEADER,
  checkWebhookUrl,
  isRetryableStatus,
  signatureHeader,
  webhookRetryAt,
} from "../../../modules/marketing/flows/actions"
import type { StepRunInput, StepRunResult, WebhookStep } from "../../../modules/marketing/flows/types"
import { contactHashes } from "../../../modules/marketing/exports"
import { marketingOf } from "../../utils/marketing"
import { RefusedAddressError, checkDestination, postJson } from "../utils/http"
import { resultOf, runsOfStep } from "../utils/step-runs"

export const flowWebhookStepId = "flow-webhook"
export const WEBHOOK_DEFAULT_TIMEOUT_MS = 5000

/**
 * How many attempts this visit of the step already made, and the run that
 * already delivered under this key, if any. Held runs since the step's last
 * other outcome are this visit's attempts (`data.attempt` on each).
 */
async function priorAttempts(input: StepRunInput<WebhookStep>, marketing: ReturnType<typeof marketingOf>) {
  const runs = await runsOfStep(marketing, input.enrollment_id, input.step_id)
  const done = runs.find((r) => r.idempotency_key === input.idempotency_key && r.outcome !== "held")
  if (done) return { done, attempts: 0 }
  let attempts = 0
  let held = 0
  for (const run of runs) {
    if (run.outcome !== "held") break
    held += 1
    attempts = Math.max(attempts, Number(run.data?.attempt ?? 0))
  }
  return { done: null, attempts: Math.max(attempts, held) }
}

/**
 * A flow's `webhook` step: POSTs the contact (with the SHA-256 of its
 * normalised email and phone, for ad platforms' APIs), flow, step and enrolment
 * context as JSON, signed with the step's secret
 * (`X-Marketing-Signature: t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">`),
 * with the step run's key as `Idempotency-Key`. A server error, a timeout or
 * a network error is `held` with `retry_at` (1 min, 2, 4, 8…) until
 * WEBHOOK_MAX_ATTEMPTS, then `failed`; other 4xx and refused addresses fail
 * at once. A key that already delivered is not sent again. Nothing here is
 * undone on compensation: a delivered request cannot be taken back.
 */
export const flowWebhookStep = createStep(
  flowWebhookStepId,
  async (input: StepRunInput<WebhookStep>, { container }) => {
    const marketing = marketingOf(container)
    const { done, attempts } = await priorAttempts(input, marketing)
    if (done) return new StepResponse<StepRunResult>(resultOf(done))
    const attempt = attempts + 1
    const now = new Date(input.now)

    const checked = checkWebhookUrl(input.step.url)
    if (!checked.ok) return new StepResponse<StepRunResult>({ outcome: "failed", reason: `url: ${checked.reason}` })
    const allowPrivate = marketing.getOptions().flows.webhooks.allowPrivateAddresses

    const contact = await marketing.retrieveContact(input.contact_id, { select: ["id", "email", "phone", "country_code"] })
    const body = JSON.stringify({
      type: "marketing.flow.webhook",
      occurred_at: input.now,
      // The hashes ad platforms match customer lists by, normalised as an audience export does.
      contact: { id: contact.id, email: contact.email ?? null, ...contactHashes(contact) },
      flow: { id: input.flow_id, version_id: input.flow_version_id, name: input.flow_name },
      step: { id: input.step_id, name: input.step.name ?? null },
      enrollment: { id: input.enrollment_id, context: input.context },
    })
    // The receiver checks the timestamp against its own clock: the wall clock, not the engine's.
    const timestamp = Math.floor(Date.now() / 1000)
    const headers = {
      [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(input.step.secret, timestamp, body),
      "Idempotency-Key": input.idempotency_key,
      "User-Agent": "medusa-marketing-automation",
    }

    const retryOrFail = (reason: string, data: Record<string, unknown>) => {
      const retryAt = webhookRetryAt(attempt, now, WEBHOOK_MAX_ATTEMPTS)
      return new StepResponse<StepRunResult>(
        retryAt
          ? { outcome: "held", reason, retry_at: retryAt.toISOString(), data: { ...data, attempt } }
          : { outcome: "failed", reason: `${reason} (after ${attempt} attempts)`, data: { ...data, attempt } }
      )
    }
    try {
      await checkDestination(checked.url, allowPrivate)
      const { status } = await postJson(checked.url, body, headers, {
        timeoutMs: input.step.timeout_ms ?? WEBHOOK_DEFAULT_TIMEOUT_MS,
        allowPrivate,
      })
      if (status >= 200 && status < 300) {
        return new StepResponse<StepRunResult>({ outcome: "completed", data: { status, attempt } })
      }
      if (isRetryableStatus(status)) return retryOrFail(`HTTP ${status}`, { status })
      return new StepResponse<StepRunResult>({ outcome: "failed", reason: `HTTP ${status}`, data: { status, attempt } })
    } catch (e) {
      if (e instanceof RefusedAddressError) {
        return new StepResponse<StepRunResult>({ outcome: "failed", reason: `address refused: ${e.message}`, data: { attempt } })
      }
      return retryOrFail((e as Error).message || String(e), { status: null })
    }
  }
)

import type { MessageRow } from "../../../modules/marketing/email/queue"
import type MarketingModuleService from "../../../modules/marketing/service"

/** How long a dispatcher holds a claimed message before another may take it. */
export const LEASE_SECONDS = 300

/**
 * Claims due messages under a lease (`FOR UPDATE SKIP LOCKED`, see
 * email/queue.ts): the given ones, or the oldest due ones, leaving those due
 * for less than `settleSeconds` and those out of attempts.
 */
export async function claimDueMessages(
  marketing: MarketingModuleService,
  input: { now: Date; limit: number; ids: string[] | null; settleSeconds: number }
): Promise<MessageRow[]> {
  return await marketing.claimMessages({
    now: input.now,
    dueBefore: new Date(input.now.getTime() - input.settleSeconds * 1000),
    maxAttempts: marketing.getEmailSettings().retry.maxAttempts,
    limit: input.limit,
    ids: input.ids,
    leaseSeconds: LEASE_SECONDS,
  })
}

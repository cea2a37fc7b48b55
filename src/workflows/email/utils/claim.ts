import type { MessageRow } from "../../../modules/marketing/email/queue"
import type MarketingModuleService from "../../../modules/marketing/service"

/**
 * Claims due messages under a lease (`FOR UPDATE SKIP LOCKED`, see
 * email/queue.ts): the given ones, or the oldest due ones, leaving those due
 * for less than `settleSeconds` and those out of attempts.
 */
export async function claimDueMessages(
  marketing: MarketingModuleService,
  input: { now: Date; limit: number; ids: string[] | null; settleSeconds: number }
): Promise<MessageRow[]> {
  const settings = marketing.getEmailSettings()
  return await marketing.claimMessages({
    now: input.now,
    dueBefore: new Date(input.now.getTime() - input.settleSeconds * 1000),
    maxAttempts: settings.retry.maxAttempts,
    limit: input.limit,
    ids: input.ids,
    // How long this dispatcher holds them (email.leaseSeconds) before another may take over.
    leaseSeconds: settings.leaseSeconds,
  })
}

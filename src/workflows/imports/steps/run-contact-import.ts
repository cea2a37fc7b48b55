import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { ImportCustomer } from "../../../modules/marketing/imports/sql"
import { marketingOf } from "../../utils/marketing"

export const runContactImportStepId = "run-contact-import"

/** Addresses per batch: each batch is one transaction holding one advisory lock per address. */
export const IMPORT_BATCH_EMAILS = 1000
/** How long a run holds an import without finishing a batch before another instance may take it over. */
export const IMPORT_LEASE_SECONDS = 120

export type RunContactImportResult = { id: string; status: "completed" | "failed"; batches: number; rows: number } | null

/**
 * Claims one waiting import (on whichever instance asks first) and applies its
 * staged rows batch by batch, each batch in its own transaction, asking the
 * customer module which addresses are Medusa customers. Nothing to
 * compensate: every batch commits on its own and deletes the rows it applied,
 * so a run that stops is taken over where it stopped and a row is never
 * applied twice.
 */
export const runContactImportStep = createStep(
  runContactImportStepId,
  async (input: { now?: string }, { container }) => {
    const marketing = marketingOf(container)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const claimed = await marketing.claimContactImport(input.now ? new Date(input.now) : new Date(), IMPORT_LEASE_SECONDS)
    if (!claimed) return new StepResponse(null as RunContactImportResult)
    let batches = 0
    let rows = 0
    // Addresses come in order; each batch starts after the last one (see nextImportEmails).
    const readBatch = async (after: string | null) => {
      const emails = await marketing.nextContactImportEmails(claimed.id, IMPORT_BATCH_EMAILS, after)
      if (!emails.length) return null
      const { data } = await query.graph({ entity: "customer", fields: ["id", "email", "has_account"], filters: { email: emails } })
      const customers: ImportCustomer[] = data
        .filter((c: any) => c.email)
        .map((c: any) => ({ id: c.id, email: String(c.email).toLowerCase(), has_account: !!c.has_account }))
      return { emails, customers }
    }
    try {
      let upcoming = readBatch(null)
      for (;;) {
        const batch = await upcoming
        if (!batch) break
        // The next batch's addresses and customers are read while this one is applied (the database and Node
        // each take a core); a failure waits for the next await.
        upcoming = readBatch(batch.emails[batch.emails.length - 1])
        upcoming.catch(() => {})
        const applied = await marketing.applyContactImportBatch({
          import_id: claimed.id,
          emails: batch.emails,
          customers: batch.customers,
          now: new Date(),
          lease_seconds: IMPORT_LEASE_SECONDS,
        })
        batches++
        rows += applied.rows
        // Another run took the import over (this one held it past its lease): leave it the rest, and the finish.
        if (applied.rows === 0) return new StepResponse(null as RunContactImportResult)
      }
      await marketing.finishContactImport(claimed.id, new Date())
      return new StepResponse({ id: claimed.id, status: "completed", batches, rows } as RunContactImportResult)
    } catch (e) {
      await marketing.finishContactImport(claimed.id, new Date(), (e as Error).message.slice(0, 1000))
      return new StepResponse({ id: claimed.id, status: "failed", batches, rows } as RunContactImportResult)
    }
  }
)

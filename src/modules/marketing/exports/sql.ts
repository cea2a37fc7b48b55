import type { SqlRunner } from "../sql-runner"
import { CONTACT_EXPORT_COLUMNS, type ContactExportColumn } from "./columns"

/** Attempts before a export whose instance died is given up. */
export const MAX_CONTACT_EXPORT_ATTEMPTS = 3

export type ContactExportRow = {
  id: string
  kind: "list" | "segment" | "audience"
  segment_id: string | null
  filters: Record<string, unknown> | null
  columns: string[]
  advertising: boolean
  platform: "google" | "meta" | "generic" | null
  status: string
  attempts: number
  created_at: Date
}

/**
 * Takes one export to run: pending, or running with a lease that ran out (its
 * instance died), oldest first. SKIP LOCKED and the status change in one
 * statement: two instances never take the same export. `id` takes that one only.
 */
export async function claimContactExport(
  em: SqlRunner,
  { id, now, leaseSeconds }: { id?: string; now: Date; leaseSeconds: number }
): Promise<ContactExportRow | null> {
  const until = new Date(now.getTime() + leaseSeconds * 1000)
  const rows: ContactExportRow[] = await em.execute(
    `UPDATE marketing_contact_export e
        SET status = 'running', attempts = e.attempts + 1, lease_until = ?::timestamptz,
            started_at = COALESCE(e.started_at, ?::timestamptz), error = NULL, updated_at = now()
      WHERE e.id = (
        SELECT id FROM marketing_contact_export
         WHERE deleted_at IS NULL AND attempts < ?
           AND (status = 'pending' OR (status = 'running' AND lease_until < ?::timestamptz))
           ${id ? "AND id = ?" : ""}
         ORDER BY created_at, id
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
      RETURNING e.id, e.kind, e.segment_id, e.filters, e.columns, e.advertising, e.platform, e.status, e.attempts, e.created_at`,
    [until.toISOString(), now.toISOString(), MAX_CONTACT_EXPORT_ATTEMPTS, now.toISOString(), ...(id ? [id] : [])]
  )
  return rows[0] ?? null
}

/** Exports whose instance died on their last attempt: failed, so they do not stay "running". */
export async function failAbandonedContactExports(em: SqlRunner, now: Date): Promise<number> {
  const rows = await em.execute(
    `UPDATE marketing_contact_export
        SET status = 'failed', error = 'Stopped (the server running it went away) ' || attempts || ' times', finished_at = ?::timestamptz,
            lease_until = NULL, updated_at = now()
      WHERE deleted_at IS NULL AND status = 'running' AND lease_until < ?::timestamptz AND attempts >= ?
      RETURNING id`,
    [now.toISOString(), now.toISOString(), MAX_CONTACT_EXPORT_ATTEMPTS]
  )
  return rows.length
}

/** Extends a running export's lease; false when it is no longer this run's (taken over or deleted). */
export async function renewContactExportLease(em: SqlRunner, id: string, attempts: number, until: Date): Promise<boolean> {
  const rows = await em.execute(
    `UPDATE marketing_contact_export SET lease_until = ?::timestamptz
      WHERE id = ? AND status = 'running' AND attempts = ? AND deleted_at IS NULL RETURNING id`,
    [until.toISOString(), id, attempts]
  )
  return rows.length > 0
}

/** Done or failed exports whose file is past its retention: the job deletes the files, then marks them expired. */
export async function expiredContactExportFiles(em: SqlRunner, now: Date, limit: number): Promise<{ id: string; file_key: string | null }[]> {
  return em.execute(
    `SELECT id, file_key FROM marketing_contact_export
      WHERE deleted_at IS NULL AND status IN ('done', 'failed') AND expires_at IS NOT NULL AND expires_at <= ?::timestamptz
      ORDER BY expires_at LIMIT ?`,
    [now.toISOString(), limit]
  )
}

const SELECTABLE = new Set<string>(CONTACT_EXPORT_COLUMNS)

/**
 * The next page of a segment's current members after `afterId`, by contact id
 * (a keyset cursor over the primary key: each page is one index range scan,
 * and no transaction stays open between pages). `advertising` keeps only
 * contacts with advertising consent; `identifiable` only those with an email or phone.
 */
export async function segmentMembersPage(
  em: SqlRunner,
  input: { segment_id: string; columns: string[]; after_id: string | null; limit: number; advertising: boolean; identifiable: boolean }
): Promise<Record<string, unknown>[]> {
  const columns = input.columns.filter((c) => SELECTABLE.has(c)) as ContactExportColumn[]
  if (!columns.includes("id")) columns.unshift("id")
  const params: unknown[] = [input.segment_id]
  let where = ""
  if (input.after_id) {
    where += " AND m.contact_id > ?"
    params.push(input.after_id)
  }
  if (input.advertising) where += " AND c.advertising_consent = 'granted'"
  if (input.identifiable) where += " AND (c.email IS NOT NULL OR c.phone IS NOT NULL)"
  params.push(input.limit)
  // Walks the open-membership index (segment_id, contact_id) in contact order.
  return em.execute(
    `SELECT ${columns.map((c) => `c.${c}`).join(", ")}
       FROM marketing_segment_membership m
       JOIN marketing_contact c ON c.id = m.contact_id AND c.deleted_at IS NULL
      WHERE m.segment_id = ? AND m.exited_at IS NULL AND m.deleted_at IS NULL${where}
      ORDER BY m.contact_id
      LIMIT ?`,
    params
  )
}

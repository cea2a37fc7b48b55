import { newEntityId } from "../ids"
import { suppressionHash } from "../email/headers"
import { addSuppressions } from "../email/queue"
import { pgArray } from "../pg-array"
import type { SqlRunner } from "../sql-runner"
import { changesContact, combineRows, planContact, type ExistingContact } from "./combine"
import { IMPORT_CONTACT_COLUMNS, IMPORT_LIMITS } from "./fields"
import type { ImportMapping } from "./mapping"
import type { ImportRowData } from "./rows"

/** A staged row as the upload writes it. */
export type StagedRow = {
  line: number
  status: "pending" | "rejected"
  email: string | null
  data: ImportRowData | null
  cells: string[]
  error_column: string | null
  error_message: string | null
}

export type ImportCounts = {
  created: number
  updated: number
  merged: number
  duplicates: number
  customers_linked: number
  consent_refused: number
  rows: number
}

/** The Medusa customers with an address, as the import's caller found them (the customer module is another module). */
export type ImportCustomer = { id: string; email: string; has_account: boolean }

export async function createImport(
  em: SqlRunner,
  input: { file_name: string; mapping: ImportMapping; columns: string[]; created_by: string | null }
): Promise<string> {
  const id = newEntityId("mimp")
  await em.execute(
    `INSERT INTO marketing_contact_import (id, status, file_name, mapping, columns, created_by) VALUES (?, 'uploading', ?, ?::jsonb, ?::jsonb, ?)`,
    [id, input.file_name.slice(0, 256), JSON.stringify(input.mapping), JSON.stringify(input.columns), input.created_by]
  )
  return id
}

/** Writes a batch of staged rows (one statement). */
export async function stageRows(em: SqlRunner, importId: string, rows: StagedRow[]): Promise<void> {
  if (!rows.length) return
  const records = rows.map((row) => ({ ...row, id: newEntityId("mimr") }))
  await em.execute(
    `INSERT INTO marketing_contact_import_row (id, import_id, line, status, email, data, cells, error_column, error_message)
     SELECT r.id, ?, r.line, r.status, r.email, r.data, r.cells, r.error_column, r.error_message
       FROM jsonb_to_recordset(?::jsonb) AS r(id text, line int, status text, email text, data jsonb, cells jsonb,
            error_column text, error_message text)`,
    [importId, JSON.stringify(records)]
  )
}

/** The upload is complete: the import waits for a run. Rejected rows count as processed already. */
export async function queueImport(em: SqlRunner, importId: string, rowsRead: number): Promise<void> {
  await em.execute(
    `UPDATE marketing_contact_import i SET status = 'queued', rows_read = ?,
            skipped = s.n, rows_processed = s.n, updated_at = now()
       FROM (SELECT count(*)::int AS n FROM marketing_contact_import_row WHERE import_id = ? AND status = 'rejected') s
      WHERE i.id = ?`,
    [rowsRead, importId, importId]
  )
}

/** A file that could not be read: nothing of it stays. */
export async function discardImport(em: SqlRunner, importId: string): Promise<void> {
  await em.execute(`DELETE FROM marketing_contact_import_row WHERE import_id = ?`, [importId])
  await em.execute(`DELETE FROM marketing_contact_import WHERE id = ?`, [importId])
}

/**
 * Claims one import to run, on whichever instance asks first: a queued one,
 * or one whose run stopped holding it (its lease passed). Null when none.
 */
export async function claimImport(em: SqlRunner, now: Date, leaseSeconds: number): Promise<{ id: string } | null> {
  const rows: { id: string }[] = await em.execute(
    `UPDATE marketing_contact_import SET status = 'processing', lease_until = ?::timestamptz + make_interval(secs => ?),
            started_at = COALESCE(started_at, ?::timestamptz), updated_at = now()
      WHERE id = (SELECT id FROM marketing_contact_import
                   WHERE deleted_at IS NULL
                     AND (status = 'queued' OR (status = 'processing' AND lease_until < ?::timestamptz))
                   ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    [now.toISOString(), leaseSeconds, now.toISOString(), now.toISOString()]
  )
  return rows[0] ?? null
}

/**
 * The next addresses of an import still to apply (every row of an address
 * goes in the same batch), after `after` (the last address of the run's
 * previous batch): applied rows are deleted, and starting from the first
 * address each time would walk their dead index entries again, batch after
 * batch.
 */
export async function nextImportEmails(em: SqlRunner, importId: string, limit: number, after: string | null = null): Promise<string[]> {
  const rows: { email: string }[] = await em.execute(
    `SELECT DISTINCT email FROM marketing_contact_import_row
      WHERE import_id = ? AND status = 'pending' AND (?::text IS NULL OR email > ?::text) ORDER BY email LIMIT ?`,
    [importId, after, after, limit]
  )
  return rows.map((r) => r.email)
}

const CONTACT_READ = `id, customer_id, has_account, lower(email) AS email_key, email_marketing_consent, email_marketing_consent_at,
  tags, metadata, ${IMPORT_CONTACT_COLUMNS.join(", ")}`

type ContactRead = ExistingContact & { email_key: string | null; has_account: boolean | null }

/**
 * Applies the staged rows of these addresses in one transaction (the caller's):
 * each address lands on its contact (the one of the Medusa customer with
 * that address, else the live contact with that address, case-insensitively,
 * a customer's first), or a new one; consent is recorded as `import` with the
 * file's stated source and date under the plugin's rules; the applied rows
 * are deleted and the import's counts grow. Two runs' batches take the
 * import's row lock in turn, and rows another run applied meanwhile are gone
 * and skipped, so two runs never apply a row twice.
 */
export async function applyImportBatch(
  em: SqlRunner,
  input: { import_id: string; emails: string[]; customers: ImportCustomer[]; now: Date; lease_seconds: number },
  secret: string
): Promise<ImportCounts & { contact_ids: string[] }> {
  const counts: ImportCounts = { created: 0, updated: 0, merged: 0, duplicates: 0, customers_linked: 0, consent_refused: 0, rows: 0 }
  const emails = [...new Set(input.emails)].sort()
  if (!emails.length) return { ...counts, contact_ids: [] }
  // The batch's statements run in milliseconds, but the planner cannot estimate `lower(email)` from the partial
  // expression index and prices them high enough for JIT compilation: 260 ms of it per batch.
  await em.execute(`SET LOCAL jit = off`)
  // The lock identity stitching takes on an address, so an identify with one of them waits for this batch.
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext('mma:2:' || e)) FROM unnest(?::text[]) AS t(e)`, [pgArray(emails)])
  const [imp]: { file_name: string; status: string }[] = await em.execute(
    `SELECT file_name, status FROM marketing_contact_import WHERE id = ? FOR UPDATE`,
    [input.import_id]
  )
  if (!imp || imp.status !== "processing") return { ...counts, contact_ids: [] }
  // The batch's addresses are the next ones in the index's order (nextImportEmails), so their rows are one
  // range of it (bounds in the database's collation): a range scan, not an index probe per address. The
  // import's row lock above keeps another run out meanwhile.
  const inBatch = new Set(emails)
  const staged = (
    (await em.execute(
      `WITH b AS (SELECT min(e) AS lo, max(e) AS hi FROM unnest(?::text[]) e)
       SELECT r.id, r.email, r.data FROM marketing_contact_import_row r, b
        WHERE r.import_id = ? AND r.status = 'pending' AND r.email >= b.lo AND r.email <= b.hi
        ORDER BY r.email, r.line`,
      [pgArray(emails), input.import_id]
    )) as { id: string; email: string; data: ImportRowData }[]
  ).filter((row) => inBatch.has(row.email))
  const rowsByEmail = new Map<string, ImportRowData[]>()
  for (const row of staged) rowsByEmail.set(row.email, [...(rowsByEmail.get(row.email) ?? []), row.data])

  // A customer with an account before a guest with the same address.
  const customerByEmail = new Map<string, ImportCustomer>()
  for (const c of [...input.customers].sort((a, b) => Number(b.has_account) - Number(a.has_account))) {
    const key = c.email.toLowerCase()
    if (!customerByEmail.has(key)) customerByEmail.set(key, c)
  }
  const customerIds = [...customerByEmail.values()].map((c) => c.id)
  const byCustomer = new Map<string, ContactRead>()
  if (customerIds.length) {
    const rows: ContactRead[] = await em.execute(
      `SELECT ${CONTACT_READ} FROM marketing_contact WHERE customer_id = ANY(?::text[]) AND deleted_at IS NULL FOR UPDATE`,
      [pgArray(customerIds)]
    )
    for (const row of rows) byCustomer.set(row.customer_id!, row)
  }
  const byEmail = new Map<string, ContactRead>()
  // One index lookup per address (LATERAL): the planner cannot estimate `lower(email) = ANY(…)` from a partial
  // expression index, and for a batch of addresses it scanned the whole table instead.
  const found: ContactRead[] = await em.execute(
    `SELECT c.* FROM unnest(?::text[]) AS k(email_key)
       CROSS JOIN LATERAL (
         SELECT ${CONTACT_READ} FROM marketing_contact
          WHERE lower(email) = k.email_key AND email IS NOT NULL AND deleted_at IS NULL
          ORDER BY (customer_id IS NOT NULL AND has_account IS DISTINCT FROM false) DESC, (customer_id IS NOT NULL) DESC,
                   first_seen_at ASC
          LIMIT 1) c`,
    [pgArray([...rowsByEmail.keys()])]
  )
  for (const row of found) byEmail.set(row.email_key!, row)
  const hashes = new Map([...rowsByEmail.keys()].map((email) => [email, suppressionHash(email, secret)]))
  // One probe of the unique index per address, as for the contacts: the table grows during an import (every
  // withdrawal in the file adds to it) faster than its statistics, and `= ANY(…)` was planned as a full scan.
  const suppressedRows: { email_hash: string }[] = await em.execute(
    `SELECT s.email_hash FROM unnest(?::text[]) AS h(email_hash)
       CROSS JOIN LATERAL (
         SELECT email_hash FROM marketing_suppression WHERE email_hash = h.email_hash AND deleted_at IS NULL LIMIT 1) s`,
    [pgArray([...hashes.values()])]
  )
  const suppressed = new Set(suppressedRows.map((r) => r.email_hash))

  const now = input.now.toISOString()
  const inserts: Record<string, unknown>[] = []
  const updates: Record<string, unknown>[] = []
  const consents: Record<string, unknown>[] = []
  const withdrawals: { email: string; contact_id: string }[] = []
  const contactIds: string[] = []
  for (const [email, rows] of rowsByEmail) {
    counts.rows += rows.length
    counts.duplicates += rows.length - 1
    const customer = customerByEmail.get(email) ?? null
    const ofCustomer = customer ? byCustomer.get(customer.id) : undefined
    const ofEmail = byEmail.get(email)
    const existing = ofCustomer ?? ofEmail ?? null
    // Tie the contact to the customer with its address, unless it belongs to another customer already.
    const link = customer && existing?.customer_id == null ? customer : null
    const plan = planContact(existing, combineRows(rows), suppressed.has(hashes.get(email)!))
    if (plan.consent_refused) counts.consent_refused++
    const id = existing?.id ?? newEntityId("mcon")
    contactIds.push(id)
    const record = {
      id,
      email,
      customer_id: link?.id ?? null,
      has_account: link ? link.has_account : null,
      ...Object.fromEntries(IMPORT_CONTACT_COLUMNS.map((c) => [c, plan.patch[c] ?? null])),
      tags: plan.tags,
      metadata: plan.metadata,
      consent_status: plan.consent?.status ?? null,
      consent_at: plan.consent?.at ?? null,
    }
    if (link) counts.customers_linked++
    if (existing) {
      counts.merged++
      if (changesContact(plan) || link) {
        counts.updated++
        updates.push(record)
      }
    } else {
      counts.created++
      inserts.push(record)
    }
    if (plan.consent) {
      consents.push({
        id: newEntityId("mcr"),
        contact_id: id,
        status: plan.consent.status,
        detail: `${plan.consent.source} (file ${imp.file_name})`.slice(0, 500),
        occurred_at: plan.consent.at,
      })
      if (plan.consent.status === "denied") withdrawals.push({ email, contact_id: id })
    }
  }

  const columns = IMPORT_CONTACT_COLUMNS.map((c) => `${c} ${c === "birth_date" ? "timestamptz" : "text"}`).join(", ")
  const recordset = `jsonb_to_recordset(?::jsonb) AS r(id text, email text, customer_id text, has_account boolean, ${columns},
    tags text[], metadata jsonb, consent_status text, consent_at timestamptz)`
  if (inserts.length) {
    await em.execute(
      `INSERT INTO marketing_contact (id, email, customer_id, has_account, ${IMPORT_CONTACT_COLUMNS.join(", ")}, tags, metadata,
              email_marketing_consent, email_marketing_consent_source, email_marketing_consent_at, first_seen_at, last_seen_at)
       SELECT r.id, r.email, r.customer_id, r.has_account, ${IMPORT_CONTACT_COLUMNS.map((c) => `r.${c}`).join(", ")}, r.tags, r.metadata,
              COALESCE(r.consent_status, 'unknown'), CASE WHEN r.consent_status IS NULL THEN NULL ELSE 'import' END, r.consent_at,
              ?::timestamptz, ?::timestamptz
         FROM ${recordset}`,
      [now, now, JSON.stringify(inserts)]
    )
  }
  if (updates.length) {
    await em.execute(
      `UPDATE marketing_contact c SET
         ${IMPORT_CONTACT_COLUMNS.map((col) => `${col} = COALESCE(r.${col}, c.${col})`).join(",\n         ")},
         customer_id = COALESCE(c.customer_id, r.customer_id),
         has_account = CASE WHEN c.customer_id IS NULL AND r.customer_id IS NOT NULL THEN r.has_account ELSE c.has_account END,
         tags = COALESCE(r.tags, c.tags),
         metadata = COALESCE(r.metadata, c.metadata),
         email_marketing_consent = COALESCE(r.consent_status, c.email_marketing_consent),
         email_marketing_consent_source = CASE WHEN r.consent_status IS NULL THEN c.email_marketing_consent_source ELSE 'import' END,
         email_marketing_consent_at = CASE WHEN r.consent_status IS NULL THEN c.email_marketing_consent_at ELSE r.consent_at END,
         updated_at = now()
        FROM ${recordset}
       WHERE c.id = r.id`,
      [JSON.stringify(updates)]
    )
  }
  if (consents.length) {
    await em.execute(
      `INSERT INTO marketing_consent_record (id, contact_id, channel, status, source, detail, occurred_at)
       SELECT r.id, r.contact_id, 'email_marketing', r.status, 'import', r.detail, r.occurred_at
         FROM jsonb_to_recordset(?::jsonb) AS r(id text, contact_id text, status text, detail text, occurred_at timestamptz)`,
      [JSON.stringify(consents)]
    )
  }
  // A withdrawal suppresses the address, as every withdrawal does (email/queue.ts changeEmailConsent).
  await addSuppressions(
    em,
    withdrawals.map((w) => ({ email: w.email, reason: "unsubscribed" as const, source: "import", contact_id: w.contact_id })),
    secret
  )
  await em.execute(`DELETE FROM marketing_contact_import_row WHERE id = ANY(?::text[])`, [pgArray(staged.map((r) => r.id))])
  await em.execute(
    `UPDATE marketing_contact_import SET created = created + ?, updated = updated + ?, merged = merged + ?,
            duplicates = duplicates + ?, customers_linked = customers_linked + ?, consent_refused = consent_refused + ?,
            rows_processed = rows_processed + ?, lease_until = ?::timestamptz + make_interval(secs => ?), updated_at = now()
      WHERE id = ?`,
    [counts.created, counts.updated, counts.merged, counts.duplicates, counts.customers_linked, counts.consent_refused,
      counts.rows, now, input.lease_seconds, input.import_id]
  )
  return { ...counts, contact_ids: contactIds }
}

/** Marks a run's import done (or failed with the reason). */
export async function finishImport(em: SqlRunner, importId: string, now: Date, error: string | null = null): Promise<void> {
  await em.execute(
    `UPDATE marketing_contact_import SET status = ?, error = ?, completed_at = ?::timestamptz, lease_until = NULL, updated_at = now()
      WHERE id = ? AND status = 'processing'`,
    [error ? "failed" : "completed", error, now.toISOString(), importId]
  )
}

/** An import's rejected rows in line order, with their cells, for the CSV. */
export async function rejectedRows(
  em: SqlRunner,
  importId: string,
  page: { after_line: number; limit: number }
): Promise<{ line: number; cells: string[]; error_column: string | null; error_message: string | null }[]> {
  return await em.execute(
    `SELECT line, cells, error_column, error_message FROM marketing_contact_import_row
      WHERE import_id = ? AND status = 'rejected' AND line > ? ORDER BY line LIMIT ?`,
    [importId, page.after_line, page.limit]
  )
}

/** Rejected rows older than the retention period: personal data kept no longer than the rejected-rows CSV is useful. */
export async function purgeRejectedRows(em: SqlRunner, now: Date): Promise<number> {
  const [{ n }] = await em.execute(
    `WITH d AS (
       DELETE FROM marketing_contact_import_row r USING marketing_contact_import i
        WHERE r.import_id = i.id AND i.created_at < ?::timestamptz - make_interval(days => ?) RETURNING 1
     ) SELECT count(*)::int AS n FROM d`,
    [now.toISOString(), IMPORT_LIMITS.rejectedRowsDays]
  )
  return n
}

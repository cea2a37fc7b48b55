"use strict"
/**
 * Contact imports at the issue's sizes and in its case: a generated newsletter
 * export (scripts/lib/import-csv.js, the spec's file, larger) of N rows, for
 * each N of BENCH_IMPORT_ROWS (default "100000,1000000"), imported into a store
 * that already has N contacts, half of the file's addresses among them (so
 * half the addresses are new and half land on an existing contact). Each file
 * is uploaded through POST /admin/marketing/contacts/imports as the admin page
 * sends it, then polled until the background run completes. Measures upload
 * and staging (the request's own time), the background apply and rows per
 * second, against a bare `COPY` of the same file into a staging table of text
 * columns in the same run; the first size is imported a second time (every
 * address then lands on its contact, nothing changes). Each size uses its own
 * domain, so no file merges into another's contacts.
 */
const { Readable } = require("stream")
const { pipeline } = require("stream/promises")
const { from: copyFrom } = require("pg-copy-streams")
const { median, pgConnector } = require("./common")
const { HEADER, MAPPING, generateImportCsv } = require("../scripts/lib/import-csv")

const SIZES = String(process.env.BENCH_IMPORT_ROWS || "100000,1000000").split(",").map(Number).filter((n) => n > 0)
const POLL_MS = 1000
const TIMEOUT_MS = Number(process.env.BENCH_IMPORT_TIMEOUT || 3600) * 1000

async function importFile({ url, token, csv, fileName }) {
  const body = new FormData()
  body.append("mapping", JSON.stringify(MAPPING))
  body.append("file", new Blob([csv]), fileName)
  const t0 = Date.now()
  const res = await fetch(`${url}/admin/marketing/contacts/imports`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body })
  if (res.status !== 202) throw new Error(`import upload: ${res.status} ${await res.text()}`)
  const { contact_import: created } = await res.json()
  const staged = Date.now()
  let done
  for (;;) {
    const r = await fetch(`${url}/admin/marketing/contacts/imports/${created.id}`, { headers: { authorization: `Bearer ${token}` } })
    done = (await r.json()).contact_import
    if (["completed", "failed"].includes(done.status)) break
    if (Date.now() - t0 > TIMEOUT_MS) throw new Error(`import ${created.id} still ${done.status} after ${TIMEOUT_MS / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  const applied = Date.now()
  if (done.status !== "completed") throw new Error(`import ${created.id} failed: ${done.error}`)
  return { staging_seconds: (staged - t0) / 1000, apply_seconds: (applied - staged) / 1000, total_seconds: (applied - t0) / 1000, result: done }
}

/**
 * The store's contacts before a file of `rows` rows: `rows` of them, one for
 * every even address number of the file (`user<n>@domain`, so half the file's
 * addresses), the rest elsewhere; one INSERT … SELECT, then ANALYZE as a live
 * store's statistics would be.
 */
async function seedStore(pg, rows, domain) {
  const t0 = Date.now()
  await pg.query(
    `INSERT INTO marketing_contact (id, email, first_name, first_seen_at, last_seen_at)
     SELECT 'mcon_bench_import_' || $1 || '_' || g,
            CASE WHEN g % 2 = 0 THEN 'user' || g || '@' || $1 ELSE 'shopper' || g || '@elsewhere.' || $1 END,
            'Seeded ' || g, now() - interval '90 days', now() - interval '1 day'
       FROM generate_series(0, $2::int - 1) g`,
    [domain, rows]
  )
  await pg.query(`VACUUM ANALYZE marketing_contact`)
  return (Date.now() - t0) / 1000
}

/** A bare `COPY` of the file into a staging table of text columns (what a file costs the database at least). */
async function bareCopy(pg, csv) {
  await pg.query(`DROP TABLE IF EXISTS bench_import_copy`)
  await pg.query(`CREATE UNLOGGED TABLE bench_import_copy (${HEADER.map((_, i) => `c${i} text`).join(", ")})`)
  const bytes = Buffer.from(csv)
  const chunks = function* () {
    for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024)
  }
  const t0 = Date.now()
  await pipeline(Readable.from(chunks()), pg.query(copyFrom(`COPY bench_import_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)))
  const seconds = (Date.now() - t0) / 1000
  await pg.query(`DROP TABLE bench_import_copy`)
  return seconds
}

async function run({ url, token, db, log }) {
  const pg = await pgConnector(db.connectionString)()
  const runs = []
  try {
    for (const [i, rows] of SIZES.entries()) {
      const domain = `import${rows}.bench`
      const { csv, bad, good, duplicates } = generateImportCsv(rows, domain)
      const onFile = [...good].filter((email) => Number(/^user(\d+)@/.exec(email)[1]) % 2 === 0).length
      const seedSeconds = await seedStore(pg, rows, domain)
      log(`store seeded with ${rows.toLocaleString("en")} contacts in ${seedSeconds} s; ${onFile.toLocaleString("en")} of the file's addresses among them`)
      log(`import of ${rows.toLocaleString("en")} rows (${(csv.length / 1e6).toFixed(0)} MB): ${good.size.toLocaleString("en")} addresses, ${duplicates} repeats, ${bad.size} bad rows`)
      const copySeconds = await bareCopy(pg, csv)
      log(`  bare COPY of the file into a staging table: ${copySeconds} s (${Math.round(rows / copySeconds).toLocaleString("en")} rows/s)`)
      const passes = i === 0 ? ["first", "again"] : ["first"]
      for (const pass of passes) {
        const r = await importFile({ url, token, csv, fileName: `bench-${rows}.csv` })
        const expected = pass === "first" ? { created: good.size - onFile, merged: onFile } : { created: 0, merged: good.size }
        const { created, merged, skipped } = r.result
        if (created !== expected.created || merged !== expected.merged || skipped !== bad.size) {
          throw new Error(`import of ${rows} rows (${pass}): created ${created}, merged ${merged}, skipped ${skipped}; expected ${JSON.stringify(expected)} and ${bad.size} skipped`)
        }
        const entry = {
          rows,
          pass,
          store_contacts: rows,
          staging_seconds: r.staging_seconds,
          apply_seconds: r.apply_seconds,
          total_seconds: r.total_seconds,
          rows_per_second: Math.round(rows / r.total_seconds),
          copy_seconds: copySeconds,
          copy_rows_per_second: Math.round(rows / copySeconds),
          ratio_to_copy: Number((copySeconds / r.total_seconds).toFixed(3)),
          created,
          merged,
          updated: r.result.updated,
          skipped,
          duplicates: r.result.duplicates,
        }
        log(`  ${pass}: staged in ${entry.staging_seconds} s, applied in ${entry.apply_seconds} s (${entry.rows_per_second.toLocaleString("en")} rows/s overall, ${entry.ratio_to_copy}× the bare COPY)`)
        runs.push(entry)
      }
    }
  } finally {
    await pg.end()
  }
  const largest = runs.filter((r) => r.pass === "first").sort((a, b) => b.rows - a.rows)[0]
  return {
    scenario: "imports",
    runs,
    median_rows_per_second: median(runs.filter((r) => r.pass === "first").map((r) => r.rows_per_second)),
    target: { rows: 1_000_000, rows_per_second: 20_000, measured_rows: largest?.rows ?? null, met: !!largest && largest.rows >= 1_000_000 && largest.rows_per_second >= 20_000 },
  }
}

function toMarkdown(r) {
  return [
    `### Contact imports (CSV upload, staging and background apply)`,
    ``,
    `Each file of N rows goes into a store with N contacts, half of the file's addresses among them; the bare \`COPY\` of the same file into a staging table ran in the same run.`,
    ``,
    `| rows | pass | upload and staging | apply | total | rows/s | bare COPY | import ÷ COPY | created | merged | updated | skipped |`,
    `|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
    ...r.runs.map(
      (x) =>
        `| ${x.rows.toLocaleString("en")} | ${x.pass} | ${x.staging_seconds} s | ${x.apply_seconds} s | **${x.total_seconds} s** | ${x.rows_per_second.toLocaleString("en")} | ${x.copy_seconds} s (${x.copy_rows_per_second.toLocaleString("en")} rows/s) | ${x.ratio_to_copy}× | ${x.created.toLocaleString("en")} | ${x.merged.toLocaleString("en")} | ${x.updated.toLocaleString("en")} | ${x.skipped.toLocaleString("en")} |`
    ),
    ``,
    `Target: 1M rows at 20,000 rows/s or more: ${r.target.met ? "**met**" : "**not met**"}${r.target.measured_rows && r.target.measured_rows < 1_000_000 ? ` (the largest file here had ${r.target.measured_rows.toLocaleString("en")} rows)` : ""}.`,
  ].join("\n")
}

module.exports = { run, toMarkdown }

"use strict"
/**
 * Contact imports at the sizes: a generated newsletter export
 * (scripts/lib/import-csv.js, the spec's file, larger) of BENCH_IMPORT_ROWS rows
 * each (default "100000,1000000"), uploaded through POST
 * /admin/marketing/contacts/imports as the admin page sends it, then polled
 * until the background run completes. Measures upload and staging (the
 * request's own time), the background apply and rows per second; the first
 * size is imported a second time (every address then lands on its contact).
 * Each size uses its own domain, so no file merges into another's contacts.
 */
const { median } = require("./common")
const { MAPPING, generateImportCsv } = require("../scripts/lib/import-csv")

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

async function run({ url, token, log }) {
  const runs = []
  for (const [i, rows] of SIZES.entries()) {
    const domain = `import${rows}.bench`
    const { csv, bad, good, duplicates } = generateImportCsv(rows, domain)
    log(`import of ${rows.toLocaleString("en")} rows (${(csv.length / 1e6).toFixed(0)} MB): ${good.size.toLocaleString("en")} addresses, ${duplicates} repeats, ${bad.size} bad rows`)
    const passes = i === 0 ? ["first", "again"] : ["first"]
    for (const pass of passes) {
      const r = await importFile({ url, token, csv, fileName: `bench-${rows}.csv` })
      const expected = pass === "first" ? { created: good.size, merged: 0 } : { created: 0, merged: good.size }
      const { created, merged, skipped } = r.result
      if (created !== expected.created || merged !== expected.merged || skipped !== bad.size) {
        throw new Error(`import of ${rows} rows (${pass}): created ${created}, merged ${merged}, skipped ${skipped}; expected ${JSON.stringify(expected)} and ${bad.size} skipped`)
      }
      const entry = {
        rows,
        pass,
        staging_seconds: r.staging_seconds,
        apply_seconds: r.apply_seconds,
        total_seconds: r.total_seconds,
        rows_per_second: Math.round(rows / r.total_seconds),
        created,
        merged,
        skipped,
        duplicates: r.result.duplicates,
      }
      log(`  ${pass}: staged in ${entry.staging_seconds} s, applied in ${entry.apply_seconds} s (${entry.rows_per_second.toLocaleString("en")} rows/s overall)`)
      runs.push(entry)
    }
  }
  return { scenario: "imports", runs, median_rows_per_second: median(runs.filter((r) => r.pass === "first").map((r) => r.rows_per_second)) }
}

function toMarkdown(r) {
  return [
    `### Contact imports (CSV upload, staging and background apply)`,
    ``,
    `| rows | pass | upload and staging | apply | total | rows/s | created | merged | skipped |`,
    `|---:|---|---:|---:|---:|---:|---:|---:|---:|`,
    ...r.runs.map(
      (x) =>
        `| ${x.rows.toLocaleString("en")} | ${x.pass} | ${x.staging_seconds} s | ${x.apply_seconds} s | **${x.total_seconds} s** | ${x.rows_per_second.toLocaleString("en")} | ${x.created.toLocaleString("en")} | ${x.merged.toLocaleString("en")} | ${x.skipped.toLocaleString("en")} |`
    ),
  ].join("\n")
}

module.exports = { run, toMarkdown }

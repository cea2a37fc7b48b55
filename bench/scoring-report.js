"use strict"
/** The scoring benchmark's results as Markdown (bench/scoring.js). */
const round = (x, d = 1) => Number(x.toFixed(d))

/** Ledger rows the recompute wrote: all of them when it rebuilt the ledger, else those it changed. */
function entriesWritten(stats) {
  if (!stats) return null
  if (stats.ledger_rebuilt) return Object.entries(stats).filter(([k]) => k === "event_entries" || k.startsWith("fit:")).reduce((s, [, v]) => s + v, 0)
  return (stats.entries_added ?? 0) + (stats.entries_removed ?? 0) + (stats.entries_changed ?? 0) + (stats.fit_corrections ?? 0)
}

function toMarkdown(result) {
  const i = result.ingest
  const lines = []
  if (i) {
    lines.push(
      `### Scoring cost on ingest (${i.rounds} interleaved rounds of ${i.duration_seconds} s, ${i.connections} connections, batches of ${i.batch_size}, medians)`,
      "",
      "| scenario | requests/s | events/s | p50 ms | p99 ms | samples (events/s) |",
      "|---|---:|---:|---:|---:|---|"
    )
    for (const r of i.rows) {
      lines.push(`| ${r.scenario} | ${r.requests_per_second} | ${r.events_per_second} | ${r.latency_p50_ms} | ${r.latency_p99_ms} | ${r.samples_events_per_second.join(", ")} |`)
    }
    lines.push("", `With ${result.rules.length} active rules, ingest runs at **${i.ratio_with_rules_to_none}×** the events/s it has with none.`, "")
  }
  if (!result.recompute.sizes.length) return lines.join("\n")
  lines.push(
    `### Full score recompute (${result.recompute.events_per_contact} events per contact; target: ${result.recompute.target})`,
    "",
    "| contacts | events | recompute | seeding s (not timed) | recompute s | contacts/s | events/s | ledger entries | entries written | contacts written | status |",
    "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"
  )
  for (const r of result.recompute.sizes) {
    const fmt = (n) => (typeof n === "number" ? n.toLocaleString("en") : "–")
    lines.push(
      `| ${fmt(r.contacts)} | ${fmt(r.events)} | ${r.kind} | ${r.seed.seconds} | ${r.status === "done" ? `**${r.seconds}**` : r.status === "timeout" ? `> ${r.timeout_seconds}` : r.seconds ?? "–"} | ` +
        `${fmt(r.contacts_per_second)} | ${fmt(r.events_per_second)} | ${fmt(r.check?.ledger_entries)} | ${fmt(entriesWritten(r.stats))} | ${fmt(r.stats?.contacts_changed)} | ${r.status}${r.error ? `: ${r.error}` : ""} |`
    )
  }
  const edits = result.recompute.rule_edits || []
  if (edits.length) {
    lines.push(
      "",
      "One rule edited, then applied to history by a full recompute and by the rule alone (scoped applies: back and forth, same size of edit):",
      "",
      "| contacts | rule | event type (share of events) | entries changed | contacts written | full recompute s | rule alone s (median) | samples s | ratio |",
      "|---:|---|---|---:|---:|---:|---:|---|---:|"
    )
    for (const e of edits) {
      const fmt = (n) => (typeof n === "number" ? n.toLocaleString("en") : "–")
      lines.push(
        `| ${fmt(e.contacts)} | ${e.edited_rule} | ${e.event_type} (${Math.round(e.event_type_share * 100)}%) | ${fmt(e.entries_changed)} | ${fmt(e.contacts_changed)} | ` +
          `${e.full_seconds} | **${e.scoped_median_seconds}** | ${e.scoped_seconds.join(", ")} | ${e.ratio}× |`
      )
    }
  }
  for (const r of result.recompute.sizes) {
    const t = r.timeline || []
    const end = r.status === "done" ? r.client_seconds : r.timeout_seconds ?? r.seconds
    const spans = t
      .map((x, k) => ({ step: x.step, seconds: round((k + 1 < t.length ? t[k + 1].at_seconds : end ?? x.at_seconds) - x.at_seconds) }))
      .filter((x) => x.step)
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 4)
    if (spans.length) {
      lines.push(
        "",
        `Longest waits between progress reports for ${r.contacts.toLocaleString("en")} contacts, ${r.kind} (polled; each is the time from the named report to the next one): ` +
          `${spans.map((x) => `after "${x.step}" ${x.seconds} s`).join("; ")}.`
      )
    }
  }
  if (result.person_ops?.length) {
    lines.push(
      "",
      "### Per-person operations on the seeded store (one request at a time, medians)",
      "",
      "| contacts | identify that merges two contacts, ms | merged | erasure of a person, ms | erasures |",
      "|---:|---:|---:|---:|---:|"
    )
    for (const o of result.person_ops) {
      lines.push(`| ${o.contacts.toLocaleString("en")} | ${o.merge_median_ms ?? "–"} | ${o.merged}/${o.merges} | ${o.erase_median_ms ?? "–"} | ${o.erasures} |`)
    }
  }
  const timeouts = result.recompute.sizes.filter((r) => r.status === "timeout")
  for (const t of timeouts) {
    lines.push("", `Recompute of ${t.contacts.toLocaleString("en")} contacts stopped after ${t.timeout_seconds} s (progress ${t.last_progress}); statements running then:`, "")
    for (const s of t.active_statements) lines.push("```sql", s.query.trim().slice(0, 4000), "```")
  }
  return lines.join("\n")
}

module.exports = { toMarkdown }

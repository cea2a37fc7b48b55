import type { SqlRunner } from "../sql-runner"
import { AttributionRow, MessageRow, attributionSums, buildMetrics, messageCounts, proRated } from "./metrics"
import type { ReportSettingsRow } from "./settings"
import { liftInterval, ratio } from "./stats"
import type {
  AbDecisionReport, FlowDetailReportResponse, FlowReport, FlowsReportResponse, HoldoutReport, Money, ReportPeriod, StepReport,
} from "./types"

/** The confidence of the holdout lift's interval. */
export const HOLDOUT_CONFIDENCE = 0.95

type FlowRow = { id: string; name: string; status: string; monthly_cost: number | null; definition: any }

const groupBy = <T>(rows: T[], key: (r: T) => string) => {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k)
    if (list) list.push(r)
    else out.set(k, [r])
  }
  return out
}

/** Enrollments entered in the period and enrollments converted in the period, per flow. */
async function enrollmentCounts(em: SqlRunner, period: ReportPeriod, where: string, params: unknown[]) {
  const rows = await em.execute(
    `SELECT e.flow_id,
            count(*) FILTER (WHERE e.entered_at >= ? AND e.entered_at < ?)::int AS enrollments,
            count(*) FILTER (WHERE e.converted_at >= ? AND e.converted_at < ?)::int AS conversions
       FROM marketing_flow_enrollment e
      WHERE e.deleted_at IS NULL AND ${where}
        AND ((e.entered_at >= ? AND e.entered_at < ?) OR (e.converted_at >= ? AND e.converted_at < ?))
      GROUP BY e.flow_id`,
    [period.from, period.to, period.from, period.to, ...params, period.from, period.to, period.from, period.to]
  )
  return new Map<string, { enrollments: number; conversions: number }>(rows.map((r: any) => [r.flow_id, r]))
}

function flowReport(
  flow: FlowRow,
  msg: MessageRow | undefined,
  attributions: AttributionRow[],
  enrollment: { enrollments: number; conversions: number } | undefined,
  settings: ReportSettingsRow,
  period: ReportPeriod
): FlowReport {
  const enrollments = enrollment?.enrollments ?? 0
  const { new_customers, ...metrics } = buildMetrics(msg, attributions, settings, {
    conversions: enrollment?.conversions ?? 0,
    conversionBase: enrollments,
    fixedCost: proRated(flow.monthly_cost, period),
  })
  return {
    flow_id: flow.id,
    name: flow.name,
    status: flow.status,
    ...metrics,
    enrollments,
    new_customers,
    cost_per_new_customer: metrics.cost.map((c) => ({
      currency_code: c.currency_code,
      amount: new_customers ? Math.round((c.amount / new_customers) * 1e6) / 1e6 : null,
    })),
  }
}

async function loadFlows(em: SqlRunner, id?: string): Promise<FlowRow[]> {
  return em.execute(
    `SELECT id, name, status, monthly_cost, definition FROM marketing_flow
      WHERE deleted_at IS NULL ${id ? "AND id = ?" : ""} ORDER BY created_at, id`,
    id ? [id] : []
  )
}

/** Every flow's relevance measures over the period, computed in three grouped queries. */
export async function flowsReport(em: SqlRunner, period: ReportPeriod, settings: ReportSettingsRow): Promise<FlowsReportResponse> {
  const flows = await loadFlows(em)
  const [messages, attributions, enrollments] = await Promise.all([
    messageCounts(em, period, ["flow_id"], "TRUE", []),
    attributionSums(em, period, ["flow_id"], "a.flow_id IS NOT NULL", []),
    enrollmentCounts(em, period, "TRUE", []),
  ])
  const msgBy = new Map(messages.map((m) => [m.flow_id as string, m]))
  const attrBy = groupBy(attributions, (a) => a.flow_id)
  return {
    period,
    flows: flows.map((f) => flowReport(f, msgBy.get(f.id), attrBy.get(f.id) ?? [], enrollments.get(f.id), settings, period)),
  }
}

/**
 * Step ids and types of a flow's current definition in the order a contact
 * meets them (breadth-first from `start`, following every field naming a step;
 * jsonb does not keep the keys' order), then any step not reached.
 */
export function definitionSteps(definition: any): { step_id: string; step_type: string }[] {
  const steps = (definition?.steps ?? {}) as Record<string, Record<string, unknown>>
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (id: unknown) => {
    if (typeof id === "string" && id in steps && !seen.has(id)) { seen.add(id); order.push(id) }
  }
  const links = (value: unknown): unknown[] =>
    typeof value === "string" ? [value] : Array.isArray(value) ? value.flatMap(links) : value && typeof value === "object" ? Object.values(value).flatMap(links) : []
  visit(definition?.start)
  for (let i = 0; i < order.length; i++) {
    const { type: _t, template_id: _tpl, ...rest } = steps[order[i]] ?? {}
    for (const id of links(rest)) visit(id)
  }
  for (const id of Object.keys(steps).sort()) visit(id)
  return order.map((step_id) => ({ step_id, step_type: String(steps[step_id]?.type ?? "unknown") }))
}

/** One flow's measures, per step and per variant, its holdouts with their lift, and its A/B decisions; null when no such flow. */
export async function flowDetailReport(
  em: SqlRunner, flowId: string, period: ReportPeriod, settings: ReportSettingsRow
): Promise<FlowDetailReportResponse | null> {
  const [flow] = await loadFlows(em, flowId)
  if (!flow) return null
  // The flow's own totals are the sums of its steps' rows (same filters): read once, not twice.
  const [enrollments, stepMsgs, stepAttrs, runSteps, holdouts, decisions] = await Promise.all([
    enrollmentCounts(em, period, "e.flow_id = ?", [flowId]),
    messageCounts(em, period, ["step_id", "variant"], "m.flow_id = ?", [flowId]),
    attributionSums(em, period, ["step_id", "variant"], "a.flow_id = ?", [flowId]),
    em.execute(
      `SELECT DISTINCT step_id, step_type FROM marketing_flow_step_run
        WHERE flow_id = ? AND deleted_at IS NULL AND started_at >= ? AND started_at < ?`,
      [flowId, period.from, period.to]
    ) as Promise<{ step_id: string; step_type: string }[]>,
    holdoutReports(em, flowId, period),
    em.execute(
      `SELECT step_id, metric, winner, test, p_value, confidence, samples, decided_at FROM marketing_flow_ab_decision
        WHERE flow_id = ? AND deleted_at IS NULL ORDER BY decided_at, id`,
      [flowId]
    ),
  ])

  // Steps: the definition's, then any other that ran or sent in the period (an older version's).
  const steps = definitionSteps(flow.definition)
  const known = new Set(steps.map((s) => s.step_id))
  for (const s of runSteps) if (!known.has(s.step_id)) { known.add(s.step_id); steps.push(s) }
  for (const r of [...stepMsgs, ...stepAttrs]) {
    if (r.step_id && !known.has(r.step_id)) { known.add(r.step_id); steps.push({ step_id: r.step_id, step_type: "send_email" }) }
  }

  const msgsByStep = groupBy(stepMsgs, (m) => m.step_id ?? "")
  const attrsByStep = groupBy(stepAttrs, (a) => a.step_id ?? "")
  const stepReports: StepReport[] = steps.map(({ step_id, step_type }) => {
    const msgs = msgsByStep.get(step_id) ?? []
    const attrs = attrsByStep.get(step_id) ?? []
    const { new_customers: _n, ...metrics } = buildMetrics(sumMessages(msgs), attrs, settings)
    const variants = [...new Set([...msgs, ...attrs].map((r) => r.variant).filter((v): v is string => !!v))].sort()
    return {
      step_id,
      step_type,
      ...metrics,
      variants: variants.map((variant) => {
        const { new_customers: _v, ...vm } = buildMetrics(
          msgs.find((m) => m.variant === variant),
          attrs.filter((a) => a.variant === variant),
          settings
        )
        return { variant, ...vm }
      }),
    }
  })

  return {
    period,
    flow: flowReport(flow, sumMessages(stepMsgs), stepAttrs, enrollments.get(flowId), settings, period),
    steps: stepReports,
    holdouts,
    decisions: decisions.map((d: any): AbDecisionReport => ({
      step_id: d.step_id,
      metric: d.metric,
      winner: d.winner,
      test: d.test,
      p_value: Number(d.p_value),
      confidence: Number(d.confidence),
      samples: d.samples ?? {},
      decided_at: new Date(d.decided_at).toISOString(),
    })),
  }
}

function sumMessages(rows: MessageRow[]): MessageRow | undefined {
  if (!rows.length) return undefined
  const out: MessageRow = { ...rows[0] }
  for (const r of rows.slice(1)) for (const k of Object.keys(out)) if (typeof r[k] === "number") out[k] += r[k]
  return out
}

/**
 * Each send step with a holdout (a step run with variant "holdout" in the
 * period): the enrollments that ran it in the period, split holdout vs treated
 * (got the email), which of them converted after that run, and their
 * conversion revenue per contact per currency; the lift with its interval.
 */
export async function holdoutReports(em: SqlRunner, flowId: string, period: ReportPeriod): Promise<HoldoutReport[]> {
  const rows = await em.execute(
    `WITH steps AS (
       SELECT DISTINCT step_id FROM marketing_flow_step_run
        WHERE flow_id = ? AND deleted_at IS NULL AND variant = 'holdout' AND started_at >= ? AND started_at < ?
     ), runs AS (
       SELECT DISTINCT ON (r.enrollment_id, r.step_id) r.enrollment_id, r.step_id, r.variant = 'holdout' AS holdout, r.started_at
         FROM marketing_flow_step_run r JOIN steps s ON s.step_id = r.step_id
        WHERE r.flow_id = ? AND r.deleted_at IS NULL AND r.started_at >= ? AND r.started_at < ?
          AND (r.variant = 'holdout' OR (r.outcome = 'completed' AND r.message_id IS NOT NULL))
        ORDER BY r.enrollment_id, r.step_id, r.started_at
     )
     SELECT runs.step_id, runs.holdout, lower(e.conversion_currency_code) AS currency_code,
            count(*)::int AS contacts,
            count(*) FILTER (WHERE e.converted_at >= runs.started_at)::int AS conversions,
            coalesce(sum(e.conversion_amount) FILTER (WHERE e.converted_at >= runs.started_at), 0)::float8 AS revenue
       FROM runs JOIN marketing_flow_enrollment e ON e.id = runs.enrollment_id
      GROUP BY 1, 2, 3`,
    [flowId, period.from, period.to, flowId, period.from, period.to]
  )
  const out: HoldoutReport[] = []
  for (const [stepId, stepRows] of groupBy(rows as any[], (r) => r.step_id)) {
    const group = (holdout: boolean) => {
      const rs = stepRows.filter((r) => r.holdout === holdout)
      const contacts = rs.reduce((n, r) => n + r.contacts, 0)
      const conversions = rs.reduce((n, r) => n + r.conversions, 0)
      return { contacts, conversions, rs }
    }
    const h = group(true), t = group(false)
    const currencies = [...new Set(stepRows.filter((r) => r.currency_code && Number(r.revenue) > 0).map((r) => r.currency_code as string))].sort()
    const perContact = (g: ReturnType<typeof group>): Money[] =>
      currencies.map((currency_code) => {
        const total = g.rs.filter((r) => r.currency_code === currency_code).reduce((n, r) => n + Number(r.revenue), 0)
        return { currency_code, amount: g.contacts ? Math.round((total / g.contacts) * 1e6) / 1e6 : 0 }
      })
    out.push({
      step_id: stepId,
      holdout: { contacts: h.contacts, conversions: h.conversions, conversion_rate: ratio(h.conversions, h.contacts), revenue_per_contact: perContact(h) },
      treated: { contacts: t.contacts, conversions: t.conversions, conversion_rate: ratio(t.conversions, t.contacts), revenue_per_contact: perContact(t) },
      lift: liftInterval(t, h, HOLDOUT_CONFIDENCE),
    })
  }
  return out.sort((a, b) => a.step_id.localeCompare(b.step_id))
}

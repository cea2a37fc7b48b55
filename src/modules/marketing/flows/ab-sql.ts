/**
 * Automatic A/B winners: the samples of a send step's variants, read from the
 * messages, step runs, enrollments and attributions; the decisions stored
 * once (one per flow version and step) and loaded by the runner per batch.
 * The statistics are in ab-test.ts.
 */
import { pgArray } from "../pg-array"
import type { SqlRunner } from "../sql-runner"
import type { VariantSample } from "./ab-test"
import type { AbMetric, AutoWinner, FlowDefinition, SendEmailStep } from "./types"

const newId = (prefix: string) => `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`

export type AbCandidate = {
  flow_id: string
  flow_version_id: string
  step_id: string
  variants: string[]
  auto_winner: AutoWinner
}

/**
 * The send steps to evaluate: steps with `auto_winner` and 2+ variants in the
 * active version of each active flow, that have no decision yet.
 */
export async function listAbCandidates(em: SqlRunner): Promise<AbCandidate[]> {
  const rows: { flow_id: string; flow_version_id: string; definition: FlowDefinition; decided: string[] | null }[] = await em.execute(
    `SELECT f.id AS flow_id, v.id AS flow_version_id, v.definition,
            (SELECT array_agg(d.step_id) FROM marketing_flow_ab_decision d
              WHERE d.flow_version_id = v.id AND d.deleted_at IS NULL) AS decided
       FROM marketing_flow f
       JOIN marketing_flow_version v ON v.id = f.active_version_id AND v.deleted_at IS NULL
      WHERE f.status = 'active' AND f.deleted_at IS NULL
        AND v.definition::text LIKE '%"auto_winner"%'`
  )
  const out: AbCandidate[] = []
  for (const row of rows) {
    const decided = new Set(row.decided ?? [])
    for (const [stepId, step] of Object.entries(row.definition.steps ?? {})) {
      if (step.type !== "send_email") continue
      const send = step as SendEmailStep
      if (!send.auto_winner || (send.variants?.length ?? 0) < 2 || decided.has(stepId)) continue
      out.push({
        flow_id: row.flow_id, flow_version_id: row.flow_version_id, step_id: stepId,
        variants: send.variants!.map((v) => v.key), auto_winner: send.auto_winner,
      })
    }
  }
  return out
}

/**
 * The currency a flow's revenue is compared in: the one most of its
 * attributed (not withdrawn) orders were paid in, ties by code; null when
 * nothing was attributed yet. Amounts in different currencies cannot be
 * added without exchange rates the plugin does not have; a store selling in
 * several currencies sees most of a flow's orders in one. Orders in other
 * currencies count as no revenue, for every variant alike: the variant is
 * drawn at random, independent of the shopper's currency, so leaving them
 * out dilutes both sides equally and does not bias the comparison.
 */
export async function dominantCurrency(em: SqlRunner, flowId: string): Promise<string | null> {
  const [row]: { currency_code: string }[] = await em.execute(
    `SELECT currency_code FROM marketing_attribution
      WHERE flow_id = ? AND currency_code IS NOT NULL AND withdrawn_at IS NULL AND deleted_at IS NULL
      GROUP BY currency_code ORDER BY count(*) DESC, currency_code LIMIT 1`,
    [flowId]
  )
  return row?.currency_code ?? null
}

/**
 * Each variant's sample. Recipients: the step's messages in that variant that
 * were handed to the provider (`sent_at` set). Clicks: of those, clicked.
 * Conversions: of those, the ones whose enrollment (through the step run that
 * sent the message) converted at or after the send. Revenue: per recipient,
 * the attributed amounts (not withdrawn) in `currency`, with the sum of
 * squares for the variance. Variants with no message yet appear with zeros.
 */
export async function abSamples(
  em: SqlRunner,
  input: { flow_version_id: string; step_id: string; variants: string[]; metric: AbMetric; currency?: string | null }
): Promise<VariantSample[]> {
  const rows: { variant: string; recipients: string; clicks: string; conversions: string; revenue: string | null; revenue_sq: string | null }[] =
    await em.execute(
      `WITH sent AS (
         SELECT m.id, m.variant, m.sent_at, m.clicked_at
           FROM marketing_message m
          WHERE m.flow_version_id = ? AND m.step_id = ? AND m.variant = ANY(?::text[])
            AND m.sent_at IS NOT NULL AND m.deleted_at IS NULL
       ), per AS (
         SELECT s.id, s.variant, s.clicked_at IS NOT NULL AS clicked,
                EXISTS (SELECT 1 FROM marketing_flow_step_run r
                          JOIN marketing_flow_enrollment e ON e.id = r.enrollment_id
                         WHERE r.message_id = s.id AND r.deleted_at IS NULL
                           AND e.converted_at IS NOT NULL AND e.converted_at >= s.sent_at) AS converted,
                COALESCE((SELECT sum(a.amount) FROM marketing_attribution a
                           WHERE a.message_id = s.id AND a.currency_code = ? AND a.amount IS NOT NULL
                             AND a.withdrawn_at IS NULL AND a.deleted_at IS NULL), 0) AS revenue
           FROM sent s
       )
       SELECT variant, count(*) AS recipients, count(*) FILTER (WHERE clicked) AS clicks,
              count(*) FILTER (WHERE converted) AS conversions, sum(revenue) AS revenue, sum(revenue * revenue) AS revenue_sq
         FROM per GROUP BY variant`,
      [input.flow_version_id, input.step_id, pgArray(input.variants), input.currency ?? ""]
    )
  const byKey = new Map(rows.map((r) => [r.variant, r]))
  return input.variants.map((key) => {
    const r = byKey.get(key)
    const recipients = Number(r?.recipients ?? 0)
    if (input.metric === "revenue_per_recipient") {
      return { key, recipients, sum: Number(r?.revenue ?? 0), sum_sq: Number(r?.revenue_sq ?? 0) }
    }
    return { key, recipients, successes: Number((input.metric === "click_rate" ? r?.clicks : r?.conversions) ?? 0) }
  })
}

export type AbDecisionRow = {
  flow_id: string
  flow_version_id: string
  step_id: string
  metric: AbMetric
  winner: string
  test: string
  p_value: number
  confidence: number
  samples: Record<string, unknown>
  decided_at: Date
}

/** Stores a decision once: a second one for the same version and step changes nothing (`created` false). */
export async function insertAbDecision(em: SqlRunner, d: AbDecisionRow): Promise<{ id: string; created: boolean }> {
  const inserted: { id: string }[] = await em.execute(
    `INSERT INTO marketing_flow_ab_decision (id, flow_id, flow_version_id, step_id, metric, winner, test, p_value, confidence, samples, decided_at)
     VALUES (${newId("mfab")}, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::timestamptz)
     ON CONFLICT (flow_version_id, step_id) WHERE deleted_at IS NULL DO NOTHING RETURNING id`,
    [d.flow_id, d.flow_version_id, d.step_id, d.metric, d.winner, d.test, d.p_value, d.confidence, JSON.stringify(d.samples), d.decided_at.toISOString()]
  )
  if (inserted[0]) return { id: inserted[0].id, created: true }
  const [existing]: { id: string }[] = await em.execute(
    `SELECT id FROM marketing_flow_ab_decision WHERE flow_version_id = ? AND step_id = ? AND deleted_at IS NULL`,
    [d.flow_version_id, d.step_id]
  )
  return { id: existing.id, created: false }
}

/** The winners decided for these versions, keyed `version:step`: one query per runner batch. */
export async function abWinners(em: SqlRunner, versionIds: string[]): Promise<Map<string, string>> {
  if (!versionIds.length) return new Map()
  const rows: { flow_version_id: string; step_id: string; winner: string }[] = await em.execute(
    `SELECT flow_version_id, step_id, winner FROM marketing_flow_ab_decision
      WHERE flow_version_id = ANY(?::text[]) AND deleted_at IS NULL`,
    [pgArray([...new Set(versionIds)])]
  )
  return new Map(rows.map((r) => [abKey(r.flow_version_id, r.step_id), r.winner]))
}

export const abKey = (versionId: string, stepId: string) => `${versionId}:${stepId}`

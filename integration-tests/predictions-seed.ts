/** Runs one statement with `?` placeholders: the `sql()` helper of the HTTP specs, or a pg client through `withPg`. */
export type Exec = (text: string, params: unknown[]) => Promise<unknown>

/** An Exec over a pg client (numbered placeholders). */
export const withPg =
  (client: { query(text: string, params: unknown[]): Promise<unknown> }): Exec =>
  (text, params) => {
    let n = 0
    return client.query(text.replace(/\?(?!\?)/g, () => `$${++n}`), params)
  }

// A store drawn from BG/NBD's own story, seeded as `order_placed` events by SQL: the predictions specs' data
// (the same generator as http/predictions.spec.ts).

export const DAY = 86_400_000
export const WEEK = 7 * DAY
// The nightly fit's "now": noon UTC, so order days are whole UTC days in the store's default time zone.
export const NOW = new Date("2026-06-30T12:00:00Z")
export const TRUE = { r: 0.6, alpha: 4, a: 0.7, b: 2.5 }

/** mulberry32: a seeded generator, so every run sees the same store. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Gamma(shape, rate) by Marsaglia and Tsang (shape < 1 boosted), for the test's generator only. */
function gammaDraw(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(u, shape + 1, rate) * Math.pow(u(), 1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x: number
    let v: number
    do {
      // Box-Muller normal
      x = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    if (Math.log(1 - u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate
  }
}

/**
 * Order times of customers drawn from BG/NBD's own story: first orders over
 * the first 52 of 78 weeks, orders at rate λ ~ Gamma(r, α), a stop with
 * probability p ~ Beta(a, b) after each repeat order. One order per day at most.
 */
export function drawCustomers(n: number, seed: number, now: Date = NOW): number[][] {
  const u = random(seed)
  const start = now.getTime() - 78 * WEEK
  const out: number[][] = []
  for (let i = 0; i < n; i++) {
    const lambda = gammaDraw(u, TRUE.r, TRUE.alpha)
    const ga = gammaDraw(u, TRUE.a, 1)
    const p = ga / (ga + gammaDraw(u, TRUE.b, 1))
    let t = start + Math.floor(u() * 52 * 7) * DAY
    const orders = [t]
    for (;;) {
      t += Math.ceil((-Math.log(1 - u()) / lambda) * 7) * DAY
      if (t > now.getTime() - DAY) break
      orders.push(t)
      if (u() < p) break
    }
    out.push(orders)
  }
  return out
}

/**
 * Seeds the store: `eurCustomers` buyers in eur (with emails), and `usdCustomers` one-order buyers
 * in usd, a currency below the minimum of 200 buyers, up to `now` (noon UTC of a day keeps order days whole
 * days in the store's default time zone). Returns the eur contact ids and order times.
 */
export async function seedPredictionStore(
  exec: Exec,
  { eurCustomers = 400, usdCustomers = 30, seed = 7, now = NOW }: { eurCustomers?: number; usdCustomers?: number; seed?: number; now?: Date } = {}
) {
  const customers = drawCustomers(eurCustomers, seed, now)
  const contactIds = customers.map((_, i) => `mcon_pred_eur_${String(i).padStart(4, "0")}`)
  const usdIds = Array.from({ length: usdCustomers }, (_, i) => `mcon_pred_usd_${i}`)
  await exec(
    `INSERT INTO marketing_contact (id, email, first_seen_at, last_seen_at)
     SELECT id, replace(id, '_', '-') || '@example.com', now(), now() FROM unnest(?::text[]) AS id`,
    [`{${[...contactIds, ...usdIds].join(",")}}`]
  )
  const events: { contact_id: string; at: number; currency: string; total: number; order_id: string }[] = []
  customers.forEach((orders, i) =>
    orders.forEach((at, k) => events.push({ contact_id: contactIds[i], at, currency: "eur", total: 20 + ((i * 37 + k * 11) % 180), order_id: `order_${i}_${k}` }))
  )
  usdIds.forEach((id, i) => events.push({ contact_id: id, at: now.getTime() - (10 + i) * DAY, currency: "usd", total: 50, order_id: `usd_${i}` }))
  await exec(
    `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
     SELECT 'mevt_pred_' || row_number() OVER (), 'order_placed', jsonb_build_object('order_id', e.order_id, 'currency_code', e.currency, 'total', e.total),
            e.at, e.at, 'medusa', e.contact_id
       FROM jsonb_to_recordset(?::jsonb) AS e (contact_id text, at timestamptz, currency text, total float8, order_id text)`,
    [JSON.stringify(events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })))]
  )
  return { customers, contactIds, usdIds }
}

/** Noon UTC of yesterday: a `now` for seeding a store a fit started today (at the real time) reads whole. */
export function noonYesterday(): Date {
  const d = new Date(Date.now() - DAY)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12))
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { sql } from "./helpers"

/** Seeded order histories for prediction specs, drawn from BG/NBD's own story, stored as order_placed events by SQL. */

export const DAY = 86_400_000
export const WEEK = 7 * DAY
export const TRUE_ORDERS = { r: 0.6, alpha: 4, a: 0.7, b: 2.5 }

/** mulberry32: a seeded generator, so every run sees the same store. */
export function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Gamma(shape, rate) by Marsaglia and Tsang (shape < 1 boosted). */
export function gammaDraw(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(u, shape + 1, rate) * Math.pow(u(), 1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x: number
    let v: number
    do {
      x = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    if (Math.log(1 - u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate
  }
}

/**
 * Order times of `n` customers until `now`: first orders over the first 52 of
 * 78 weeks, orders at rate λ ~ Gamma(r, α), a stop with probability
 * p ~ Beta(a, b) after each repeat order. One order per day at most.
 */
export function drawCustomers(n: number, seed: number, now: Date, truth = TRUE_ORDERS): number[][] {
  const u = random(seed)
  const start = now.getTime() - 78 * WEEK
  const out: number[][] = []
  for (let i = 0; i < n; i++) {
    const lambda = gammaDraw(u, truth.r, truth.alpha)
    const ga = gammaDraw(u, truth.a, 1)
    const p = ga / (ga + gammaDraw(u, truth.b, 1))
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

export type SeedOrder = { contact_id: string; at: number; currency: string; total: number; order_id: string }

/** Stores the orders as the plugin's order_placed events. */
export async function seedOrderEvents(container: MedusaContainer, orders: SeedOrder[], idPrefix = "mevt_seed_"): Promise<void> {
  await sql(
    container,
    `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
     SELECT ? || row_number() OVER (), 'order_placed', jsonb_build_object('order_id', e.order_id, 'currency_code', e.currency, 'total', e.total),
            e.at, e.at, 'medusa', e.contact_id
       FROM jsonb_to_recordset(?::jsonb) AS e (contact_id text, at timestamptz, currency text, total float8, order_id text)`,
    [idPrefix, JSON.stringify(orders.map((o) => ({ ...o, at: new Date(o.at).toISOString() })))]
  )
}

/**
 * The two order models behind one shape, so the customer figures and the
 * backtest run on either. Both have the parameters (r, α, a, b) and read the
 * same summaries; they differ in whether a customer can stop right after the
 * first order (MBG/NBD) or only after a repeat order (BG/NBD).
 */
import * as bg from "./bg-nbd"
import type { BgNbdFit, BgNbdParams, FitOptions, PurchaseSummary, SummaryGroups } from "./bg-nbd"
import * as mbg from "./mbg-nbd"

export const ORDER_MODEL_KINDS = ["bgnbd", "mbgnbd"] as const
export type OrderModelKind = (typeof ORDER_MODEL_KINDS)[number]

/** r, α (weeks), a, b: both models have these four. */
export type OrderModelParams = BgNbdParams

export type OrderModel = {
  kind: OrderModelKind
  fit(data: PurchaseSummary[] | SummaryGroups, options?: FitOptions): BgNbdFit
  logLikelihood(params: OrderModelParams, data: PurchaseSummary[] | SummaryGroups): number
  probabilityActive(params: OrderModelParams, s: PurchaseSummary): number
  /** Expected orders in the next `weeks`, given the history. */
  expectedOrders(params: OrderModelParams, s: PurchaseSummary, weeks: number): number
  /** Expected repeat orders in the first `weeks` after a first order. */
  expectedOrdersOfNewCustomer(params: OrderModelParams, weeks: number): number
  /** Median weeks to the next order of a still-active customer. */
  weeksToNextOrder(params: OrderModelParams, s: PurchaseSummary): number
  probabilityOfOrderWithin(params: OrderModelParams, s: PurchaseSummary, weeks: number): number
}

/** Fader, Hardie and Lee 2005: a one-order customer is always active. */
export const BG_NBD: OrderModel = {
  kind: "bgnbd",
  fit: bg.fitBgNbd,
  logLikelihood: bg.bgNbdLogLikelihood,
  probabilityActive: bg.probabilityActive,
  expectedOrders: bg.expectedOrders,
  expectedOrdersOfNewCustomer: bg.expectedOrdersOfNewCustomer,
  weeksToNextOrder: bg.weeksToNextOrder,
  probabilityOfOrderWithin: bg.probabilityOfOrderWithin,
}

/** Batislam, Denizel and Filiztekin 2007: a one-order customer's churn risk grows with their silence. The default. */
export const MBG_NBD: OrderModel = {
  kind: "mbgnbd",
  fit: mbg.fitMbgNbd,
  logLikelihood: mbg.mbgNbdLogLikelihood,
  probabilityActive: mbg.probabilityActive,
  expectedOrders: mbg.expectedOrders,
  expectedOrdersOfNewCustomer: mbg.expectedOrdersOfNewCustomer,
  weeksToNextOrder: mbg.weeksToNextOrder,
  probabilityOfOrderWithin: mbg.probabilityOfOrderWithin,
}

export const ORDER_MODELS: Record<OrderModelKind, OrderModel> = { bgnbd: BG_NBD, mbgnbd: MBG_NBD }

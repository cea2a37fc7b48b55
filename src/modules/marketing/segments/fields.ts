import { CONTACT_FIELDS, FieldCatalog, columnField, mergeCatalogs } from "../conditions"
import { PREDICTION_CATALOG } from "../predictions/contact-fields"
import { RFM_GROUPS } from "../scoring/rfm"
import { LIFECYCLE_STAGES } from "../scoring/stages"

/** Contact fields a segment can test: profile, consent, scores, stage, RFM, order totals and predictions. */
export const SEGMENT_CONTACT_FIELDS: FieldCatalog = mergeCatalogs(CONTACT_FIELDS, PREDICTION_CATALOG, {
  acquisition_score: columnField("number", "acquisition_score"),
  engagement_score: columnField("number", "engagement_score"),
  fit_score: columnField("number", "fit_score"),
  loyalty_score: columnField("number", "loyalty_score"),
  lifecycle_stage: columnField("enum", "lifecycle_stage", LIFECYCLE_STAGES),
  rfm_group: columnField("enum", "rfm_group", RFM_GROUPS),
  order_count: columnField("number", "order_count"),
  total_spent: columnField("number", "total_spent"),
  last_order_at: columnField("date", "last_order_at"),
  average_order_value: {
    type: "number",
    column: (alias) => {
      const p = alias ? `${alias}.` : ""
      return `(CASE WHEN ${p}order_count > 0 THEN ${p}total_spent::numeric / ${p}order_count END)`
    },
  },
  /** Storefront sessions and engaged time, all time (a window: an event condition on session_started or page_engaged). */
  sessions_count: columnField("number", "sessions_count"),
  engaged_ms: columnField("number", "engaged_ms"),
  average_engaged_ms: {
    type: "number",
    column: (alias) => {
      const p = alias ? `${alias}.` : ""
      return `(CASE WHEN ${p}sessions_count > 0 THEN ${p}engaged_ms::numeric / ${p}sessions_count END)`
    },
  },
  last_session_at: columnField("date", "last_session_at"),
})

/** Fields scoring writes (scores, stage, RFM, order totals): a recompute can move any of them. */
export const SCORING_FIELDS = [
  "acquisition_score",
  "engagement_score",
  "fit_score",
  "loyalty_score",
  "lifecycle_stage",
  "rfm_group",
  "order_count",
  "total_spent",
  "average_order_value",
  "last_order_at",
] as const

import { z } from "@medusajs/framework/zod"
import { PREDICTION_FIT_STATUSES } from "../../../../modules/marketing/models/prediction-fit"
import { HOURS_PER_WEEK } from "../../../../modules/marketing/predictions/send-time"
import { component, timestamp } from "../../../utils/openapi"

const count = () => z.number().int()

const PropensityWeight = component(
  "PropensityWeight",
  z
    .object({
      feature: z.string().meta({ description: "The feature's key, such as `viewed_3_products_7d`." }),
      words: z.string().meta({ description: "The feature in words: `viewed 3+ products in 7 days`." }),
      label: z.string().meta({ description: "The weight in words: `viewed 3+ products in 7 days: ×2.4 odds`." }),
      odds_ratio: z.number().meta({ description: "How the odds of a first order multiply with the feature (per unit: yes/no, or 10 points)." }),
      low: z.number().meta({ description: "95% interval, low end: an interval around 1 means the store's data cannot tell." }),
      high: z.number().meta({ description: "95% interval, high end." }),
    })
    .meta({ description: "One weight of the propensity model, strongest first." })
)

const PropensityWindow = z
  .object({
    from: timestamp().meta({ description: "The reference time: leads then, and whether they placed a first order in the 30 days after." }),
    leads: count(),
    first_buyers: count(),
  })
  .meta({ description: "One 30-day window of the time split." })

export const PropensityFitResponse = component(
  "PropensityFitResponse",
  z
    .object({
      propensity: z
        .object({
          id: z.string(),
          status: z.enum(PREDICTION_FIT_STATUSES),
          missing: z.string().nullable().meta({ description: "Below a minimum: which one, in words." }),
          error: z.string().nullable().meta({ description: "Why a failed fit failed." }),
          fitted_at: timestamp(),
          auc: z.number().nullable().meta({
            description: "Area under the ROC curve on the evaluation window, of the model trained on the window before: 0.5 is chance, 1 is perfect.",
          }),
          base_rate: z.number().nullable().meta({ description: "Share of the evaluation window's leads who placed a first order within 30 days." }),
          training: PropensityWindow,
          evaluation: PropensityWindow,
          scored_leads: count().meta({ description: "Leads given a probability by this fit." }),
          weights: z.array(PropensityWeight),
          left_out: z
            .array(z.object({ feature: z.string(), words: z.string() }))
            .meta({ description: "Features the same for every lead of a window (never seen), left out of the fit." }),
        })
        .nullable()
        .meta({ description: "The latest fit; null before the first." }),
    })
    .meta({ description: "The latest purchase propensity fit." })
)

export const SendTimesResponse = component(
  "SendTimesResponse",
  z
    .object({
      send_times: z
        .object({
          computed_at: timestamp(),
          engagements: count().meta({ description: "Human opens and clicks counted." }),
          contacts: count().meta({ description: "Contacts they came from." }),
          prior_weight: z.number().meta({ description: "k: the store pattern weighs as much as this many of a contact's own opens and clicks." }),
          history_days: count().meta({ description: "Opens and clicks of these last days count." }),
          best_hour: z.number().int().min(0).max(HOURS_PER_WEEK - 1).nullable().meta({ description: "The store's busiest hour of the week (0 = Monday 00:00); null without opens." }),
          best_hour_label: z.string().nullable().meta({ description: "`Thursday 18:00`." }),
          days: z
            .array(z.object({ weekday: z.number().int().min(1).max(7), label: z.string(), hours: z.array(count()).length(24) }))
            .length(7)
            .meta({ description: "Human opens and clicks per hour, in each contact's time zone (the store's when unknown), Monday first." }),
        })
        .nullable()
        .meta({ description: "The latest pattern; null before the first nightly run." }),
    })
    .meta({ description: "The store's send-time heat map." })
)

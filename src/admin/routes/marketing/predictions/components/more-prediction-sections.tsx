import type { ComponentType } from "react"
import { PropensityCard, SendTimeHeatMap } from "../../../../components/predictions"

/**
 * The Predictions page's sections beyond the customer models, each given the
 * selected currency (null before any fit): leads' purchase propensity and the
 * store-wide best send times, which do not depend on a currency.
 */
export const MORE_PREDICTION_SECTIONS: { id: string; Section: ComponentType<{ currency: string | null }> }[] = [
  { id: "propensity", Section: () => <PropensityCard /> },
  { id: "send-times", Section: () => <SendTimeHeatMap /> },
]

export const MorePredictionSections = ({ currency }: { currency: string | null }) => (
  <>
    {MORE_PREDICTION_SECTIONS.map(({ id, Section }) => (
      <div key={id} data-testid={`predictions-more-${id}`}>
        <Section currency={currency} />
      </div>
    ))}
  </>
)

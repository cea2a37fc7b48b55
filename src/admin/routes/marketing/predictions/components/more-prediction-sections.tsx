import type { ComponentType } from "react"

/**
 * The slot for the Predictions page's further sections: the store-wide
 * best-send-time heat map and the purchase-propensity weights (issue #23)
 * register here, each as a component given the selected currency (null
 * before any fit). Kept apart from the customer models above.
 */
export const MORE_PREDICTION_SECTIONS: { id: string; Section: ComponentType<{ currency: string | null }> }[] = []

export const MorePredictionSections = ({ currency }: { currency: string | null }) => (
  <>
    {MORE_PREDICTION_SECTIONS.map(({ id, Section }) => (
      <div key={id} data-testid={`predictions-more-${id}`}>
        <Section currency={currency} />
      </div>
    ))}
  </>
)

import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Text } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { SingleColumnLayout } from "../../../components/layouts/single-column-layout"
import { SectionStates } from "../../../components/section-states"
import { usePredictionsOverview } from "../../../hooks/api/predictions"
import { pickCurrency } from "../../../lib/predictions"
import { CurrencyPredictionsView } from "./components/currency-predictions"
import { MorePredictionSections } from "./components/more-prediction-sections"
import { PredictionsHeader } from "./components/predictions-header"

// After Flows, before Channels and costs, in the Marketing section of the sidebar.
export const config = defineRouteConfig({ label: "Predictions", rank: 6 })

export const handle = staticBreadcrumb("Predictions")

/**
 * Lifetime value, churn risk and next order date per customer, fitted per
 * currency, with how accurate the fit was on this store's own orders.
 */
const PredictionsPage = () => {
  const [params, setParams] = useSearchParams()
  const query = usePredictionsOverview()
  const currencies = query.currencies ?? []
  const currency = pickCurrency(currencies, params.get("currency"))
  const selected = currencies.find((c) => c.currency_code === currency)

  return (
    <SingleColumnLayout>
      <PredictionsHeader
        overview={query.currencies ? { currencies, running: !!query.running, run: query.run ?? null } : null}
        currency={currency}
        onCurrency={(code) =>
          setParams((p) => {
            p.set("currency", code)
            return p
          }, { replace: true })
        }
      />
      {query.isPending || query.isError || !currencies.length ? (
        <Container className="p-0" data-testid="predictions-empty">
          <SectionStates
            isPending={query.isPending}
            isError={query.isError}
            error={query.error}
            what="predictions"
            isEmpty={!currencies.length}
            empty={{
              heading: "No fit yet",
              description:
                "The models are fitted every night at 04:00 on the store's orders, per currency. Fit now to see them at once.",
            }}
            skeleton={[320, 260, 200]}
          >
            <Text size="small">-</Text>
          </SectionStates>
        </Container>
      ) : selected && query.minimums ? (
        <CurrencyPredictionsView
          key={selected.currency_code}
          currency={selected}
          minimums={query.minimums}
          lifetimeYears={query.lifetime_years ?? 3}
          annualDiscountRate={query.annual_discount_rate ?? 0}
        />
      ) : null}
      <MorePredictionSections currency={currency} />
    </SingleColumnLayout>
  )
}

export default PredictionsPage

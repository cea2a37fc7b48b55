import { Container, Heading, Text } from "@medusajs/ui"
import { formatCount } from "../../../../lib/format"
import {
  backtestOf,
  missingMinimumSentence,
  type CurrencyPredictions,
  type PredictionMinimums,
} from "../../../../lib/predictions"
import { AccuracySection } from "./accuracy-section"
import { Figure } from "./figure"
import { ChurnRiskBandsSection } from "./churn-risk-bands-section"
import { ParametersSection } from "./parameters-section"
import { TopLifetimeValuesSection } from "./top-lifetime-values-section"

type CurrencyPredictionsViewProps = {
  currency: CurrencyPredictions
  minimums: PredictionMinimums
  lifetimeYears: number
  annualDiscountRate: number
}

/** One currency: the minimum it misses, or its accuracy and what its predictions look like. */
export const CurrencyPredictionsView = ({ currency, minimums, lifetimeYears, annualDiscountRate }: CurrencyPredictionsViewProps) => {
  const { fit } = currency
  const code = currency.currency_code.toUpperCase()

  if (fit.status === "insufficient") {
    return (
      <Container className="flex flex-col gap-y-1 px-6 py-4" data-testid="predictions-insufficient">
        <Heading level="h2">Not enough orders in {code} yet</Heading>
        <Text size="small" className="text-ui-fg-base" data-testid="predictions-insufficient-message">
          {missingMinimumSentence(fit, minimums)}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          Below the minimums the models would guess rather than predict, so no customer gets figures. They appear after
          the first nightly fit that finds enough.
        </Text>
      </Container>
    )
  }

  if (fit.status === "failed") {
    return (
      <Container className="flex flex-col gap-y-1 px-6 py-4" data-testid="predictions-failed">
        <Heading level="h2">The {code} fit failed</Heading>
        <Text size="small" className="text-ui-fg-error">
          {fit.error ?? "The models could not be fitted on these orders."}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          Customers keep no predictions in {code} until a fit succeeds.
        </Text>
      </Container>
    )
  }

  const backtest = backtestOf(fit)
  return (
    <>
      <Container className="grid grid-cols-2 gap-4 px-6 py-4" data-testid="predictions-summary">
        <Figure label="Buyers" value={formatCount(fit.customers)} />
        <Figure label="Came back for a second order" value={formatCount(fit.repeat_customers)} />
        <Figure label="Days of order history" value={formatCount(Math.floor(fit.history_days))} />
        <Figure label="Customers with predictions" value={formatCount(currency.predictions)} testId="predictions-count" />
      </Container>
      {backtest ? (
        <AccuracySection backtest={backtest} />
      ) : (
        <Container className="flex flex-col gap-y-1 px-6 py-4" data-testid="predictions-backtest-skipped">
          <Heading level="h2">Accuracy</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            No backtest this time:{" "}
            {fit.backtest && "skipped" in fit.backtest ? fit.backtest.skipped : "it was not recorded"}.
          </Text>
        </Container>
      )}
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <ChurnRiskBandsSection bands={currency.churn_risk_bands} />
        <TopLifetimeValuesSection currency={currency.currency_code} rows={currency.top_lifetime_values} lifetimeYears={lifetimeYears} />
      </div>
      <ParametersSection fit={fit} lifetimeYears={lifetimeYears} annualDiscountRate={annualDiscountRate} />
    </>
  )
}

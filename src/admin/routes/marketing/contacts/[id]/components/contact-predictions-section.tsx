import { Container, Text } from "@medusajs/ui"
import { ChurnRiskBadge } from "../../../../../components/churn-risk-badge"
import { TextLink } from "../../../../../components/list-item"
import { RelativeTime } from "../../../../../components/relative-time"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionGroup, SectionRow } from "../../../../../components/section-row"
import { SectionStates } from "../../../../../components/section-states"
import { useContactPredictions } from "../../../../../hooks/api/predictions"
import { formatAmount, formatDate } from "../../../../../lib/format"
import type { ContactPrediction, ContactPropensity } from "../../../../../lib/predictions"
import { predictionWhy } from "../../../../../lib/predictions/contact"

const orders = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })
const percent = (x: number) => `${Math.round(x * 100)}%`

/**
 * Lifetime value, churn risk and next order in each currency the contact
 * bought in, with the summary the models read ("why").
 */
export const ContactPredictionsSection = ({ contactId }: { contactId: string }) => {
  const query = useContactPredictions(contactId)
  const predictions = query.predictions ?? []
  const propensity = query.propensity ?? null

  return (
    <Container className="divide-y p-0" data-testid="marketing-contact-predictions">
      <SectionHeader title="Predictions" description="From the latest fit of the store's orders in each currency" />
      <SectionStates
        {...query}
        what="predictions"
        isEmpty={!predictions.length && !propensity}
        empty="No predictions: they come with the nightly fit once the contact has ordered and the store's orders in that currency meet the minimums."
      >
        <div className="divide-y">
          {propensity ? <LeadPropensity p={propensity} /> : null}
          {predictions.map((p) => (
            <CurrencyPrediction key={p.currency_code} p={p} several={predictions.length > 1} />
          ))}
        </div>
      </SectionStates>
    </Container>
  )
}

const CurrencyPrediction = ({ p, several }: { p: ContactPrediction; several: boolean }) => {
  const currency = p.currency_code
  return (
    <div className="divide-y" data-testid="marketing-contact-prediction" data-currency={currency}>
      {several ? <SectionGroup title={currency.toUpperCase()} /> : null}
      <SectionRow title="Churn risk" value={<ChurnRiskBadge band={p.churn_risk_band} risk={p.churn_risk} />} />
      <SectionRow title="Still active (probability)" value={percent(p.probability_active)} />
      <SectionRow
        title="Expected next order"
        value={p.expected_next_order_at ? formatDate(p.expected_next_order_at) : null}
      />
      <SectionRow title="Orders, next 365 days" value={orders.format(p.predicted_orders_365)} />
      <SectionRow title="Value, next 365 days" value={formatAmount(p.predicted_value_365, currency)} />
      <SectionRow title="Predicted lifetime value" value={formatAmount(p.predicted_lifetime_value, currency)} />
      <SectionGroup title="Why: what the models read" />
      <div className="px-6 py-3">
        <Text size="small" className="text-ui-fg-subtle" data-testid="marketing-contact-prediction-why">
          {predictionWhy(p, (iso) => formatDate(iso))}
        </Text>
      </div>
      <SectionRow title="Spent so far" value={formatAmount(p.historic_value, currency)} />
      <SectionRow title="Average order" value={formatAmount(p.average_order_value, currency)} />
      <SectionRow
        title="Average days between orders"
        value={p.average_days_between_orders === null ? "One order so far" : orders.format(p.average_days_between_orders)}
      />
      <div className="flex items-center justify-between gap-x-2 px-6 py-3">
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
          Fitted <RelativeTime date={p.fitted_at ?? p.predicted_at} />
        </Text>
        <TextLink to={`/marketing/predictions?currency=${currency}`} className="txt-compact-xsmall">
          How accurate?
        </TextLink>
      </div>
    </div>
  )
}

/** A lead's chance of a first order, and where it stands among the store's leads. */
const LeadPropensity = ({ p }: { p: ContactPropensity }) => (
  <div className="divide-y" data-testid="marketing-contact-propensity">
    <SectionRow title="First order within 30 days (probability)" value={percent(p.probability)} />
    <SectionRow
      title="Among the store's leads"
      value={p.percentile === null ? null : `Top ${Math.max(1, Math.ceil(100 - p.percentile))}%`}
    />
    <div className="flex items-center justify-between gap-x-2 px-6 py-3">
      <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
        Fitted <RelativeTime date={p.fitted_at ?? p.predicted_at} />
        {p.auc === null ? null : `, AUC ${p.auc.toFixed(2)} on the held-out month`}
      </Text>
      <TextLink to="/marketing/predictions" className="txt-compact-xsmall">
        What it reads
      </TextLink>
    </div>
  </div>
)

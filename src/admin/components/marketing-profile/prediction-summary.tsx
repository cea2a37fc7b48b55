import { useContactPredictions } from "../../hooks/api/predictions"
import { formatAmount, formatDate } from "../../lib/format"
import { ChurnRiskBadge } from "../churn-risk-badge"
import { SectionStates } from "../section-states"
import { ProfileRow, ProfileSubsection } from "./profile-subsection"

/** The key predictions per currency: churn risk, predicted lifetime value, expected next order. */
export const PredictionSummary = ({ contactId }: { contactId: string }) => {
  const query = useContactPredictions(contactId)
  const predictions = query.predictions ?? []
  return (
    <ProfileSubsection title="Predictions" testId="marketing-profile-predictions">
      <SectionStates
        {...query}
        what="predictions"
        isEmpty={!predictions.length}
        empty="No predictions yet."
        density="compact"
        skeleton={[200]}
      >
        {predictions.map((p) => {
          const suffix = predictions.length > 1 ? ` (${p.currency_code.toUpperCase()})` : ""
          return (
            <div key={p.currency_code} data-testid="marketing-profile-prediction" data-currency={p.currency_code}>
              <ProfileRow label={`Churn risk${suffix}`} value={<ChurnRiskBadge band={p.churn_risk_band} risk={p.churn_risk} />} />
              <ProfileRow label={`Predicted lifetime value${suffix}`} value={formatAmount(p.predicted_lifetime_value, p.currency_code)} />
              <ProfileRow
                label={`Expected next order${suffix}`}
                value={p.expected_next_order_at ? formatDate(p.expected_next_order_at) : null}
              />
            </div>
          )
        })}
      </SectionStates>
    </ProfileSubsection>
  )
}

import { Badge, Tooltip } from "@medusajs/ui"
import {
  CHURN_RISK_BAND_COLORS,
  CHURN_RISK_BAND_LABELS,
  churnRiskBandRange,
  type ChurnRiskBand,
} from "../lib/predictions"

/** A churn risk band as a badge; the risk itself (0 to 1) on hover when given. */
export const ChurnRiskBadge = ({ band, risk }: { band: ChurnRiskBand; risk?: number }) => (
  <Tooltip
    content={`Churn risk ${risk === undefined ? churnRiskBandRange(band) : `${Math.round(risk * 100)}%`}: the model's chance that this customer stopped buying for good.`}
    maxWidth={280}
  >
    <Badge size="2xsmall" color={CHURN_RISK_BAND_COLORS[band]} data-testid="churn-risk-badge" data-band={band}>
      {CHURN_RISK_BAND_LABELS[band]} churn risk
    </Badge>
  </Tooltip>
)

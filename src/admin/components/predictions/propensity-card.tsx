import { Badge, Container, Text } from "@medusajs/ui"
import { usePropensity } from "../../hooks/api/lead-predictions"
import { aucVerdict, oddsInterval, percent } from "../../lib/lead-predictions"
import { formatRelativeTime } from "../../lib/format"
import { SectionHeader } from "../section-header"
import { SectionStates } from "../section-states"

const STATUS_COLOR = { fitted: "green", insufficient: "orange", failed: "red" } as const
const day = (iso: string) => iso.slice(0, 10)

/**
 * Purchase propensity for leads: the latest nightly fit's accuracy on a
 * period it never saw (AUC), its windows and counts, and each weight in words.
 */
export const PropensityCard = () => {
  const { propensity: fit, isPending, isError, error } = usePropensity()
  return (
    <Container className="divide-y p-0" data-testid="propensity-card">
      <SectionHeader
        title="Purchase propensity"
        description="The chance that a lead places a first order in the next 30 days, learned nightly from the store's own leads."
        actions={fit ? <Badge size="2xsmall" color={STATUS_COLOR[fit.status]}>{fit.status}</Badge> : null}
      />
      <SectionStates
        isPending={isPending}
        isError={isError}
        error={error}
        what="purchase propensity"
        isEmpty={!fit}
        empty="Not fitted yet: the nightly job fits it at 04:00."
      >
        {fit ? (
          fit.status !== "fitted" ? (
            <div className="px-6 py-4" data-testid="propensity-missing">
              <Text size="small" className="text-ui-fg-subtle">
                {fit.status === "insufficient" ? `Not enough history yet: the model needs ${fit.missing}.` : `The last fit failed: ${fit.error ?? "unknown error"}.`}
              </Text>
            </div>
          ) : (
            <>
              <dl className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
                <Figure label="Accuracy (AUC)" value={fit.auc === null ? "-" : fit.auc.toFixed(2)} hint={aucVerdict(fit.auc)} testId="propensity-auc" />
                <Figure label="Leads ordering within 30 days" value={percent(fit.base_rate)} hint={`${fit.evaluation.first_buyers} of ${fit.evaluation.leads} leads on ${day(fit.evaluation.from)}`} />
                <Figure label="Trained on" value={`${fit.training.leads} leads`} hint={`on ${day(fit.training.from)}, ${fit.training.first_buyers} of them ordered`} />
                <Figure label="Leads scored" value={String(fit.scored_leads)} hint={`fitted ${formatRelativeTime(fit.fitted_at)}`} />
              </dl>
              <div className="px-6 py-4">
                <Text size="small" weight="plus" className="mb-2">
                  What moves the odds of a first order
                </Text>
                <ul className="flex flex-col gap-y-1" aria-label="Weights of the propensity model, strongest first">
                  {fit.weights.map((w) => (
                    <li key={w.feature} className="flex items-baseline justify-between gap-x-4" data-testid={`propensity-weight-${w.feature}`}>
                      <Text size="small">{w.label}</Text>
                      <Text size="xsmall" className="text-ui-fg-muted whitespace-nowrap" title="95% interval">
                        {oddsInterval(w.low, w.high)}
                      </Text>
                    </li>
                  ))}
                </ul>
                {fit.left_out.length ? (
                  <Text size="xsmall" className="text-ui-fg-muted mt-2">
                    Not seen in the store's leads, so left out: {fit.left_out.map((f) => f.words).join(", ")}.
                  </Text>
                ) : null}
              </div>
            </>
          )
        ) : null}
      </SectionStates>
    </Container>
  )
}

const Figure = ({ label, value, hint, testId }: { label: string; value: string; hint: string; testId?: string }) => (
  <div className="flex flex-col gap-y-1" data-testid={testId}>
    <Text size="xsmall" className="text-ui-fg-subtle" asChild>
      <dt>{label}</dt>
    </Text>
    <Text size="large" weight="plus" asChild>
      <dd>{value}</dd>
    </Text>
    <Text size="xsmall" className="text-ui-fg-muted">
      {hint}
    </Text>
  </div>
)

import { Container, Table, Text } from "@medusajs/ui"
import { ChurnRiskBadge } from "../../../../components/churn-risk-badge"
import { TextLink } from "../../../../components/list-item"
import { SectionHeader } from "../../../../components/section-header"
import { formatAmount } from "../../../../lib/format"
import type { CurrencyPredictions } from "../../../../lib/predictions"

type TopLifetimeValuesSectionProps = {
  currency: string
  rows: CurrencyPredictions["top_lifetime_values"]
  lifetimeYears: number
}

/** The customers with the highest predicted lifetime value, linked to their contact. */
export const TopLifetimeValuesSection = ({ currency, rows, lifetimeYears }: TopLifetimeValuesSectionProps) => (
  <Container className="divide-y p-0" data-testid="predictions-top-ltv">
    <SectionHeader
      title="Highest predicted lifetime value"
      description={`What each is expected to spend over the next ${lifetimeYears} years, discounted to today.`}
    />
    {rows.length ? (
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Contact</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Spent so far</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Lifetime value</Table.HeaderCell>
            <Table.HeaderCell>Churn risk</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={row.contact_id}>
              <Table.Cell className="max-w-[220px]">
                <TextLink to={`/marketing/contacts/${row.contact_id}`} className="txt-compact-small">
                  {row.email ?? row.contact_id}
                </TextLink>
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums">{row.orders}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{formatAmount(row.historic_value, currency)}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{formatAmount(row.predicted_lifetime_value, currency)}</Table.Cell>
              <Table.Cell>
                <ChurnRiskBadge band={row.churn_risk_band} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    ) : (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No lifetime values: the order value model needs customers with a repeat order.
      </Text>
    )}
  </Container>
)

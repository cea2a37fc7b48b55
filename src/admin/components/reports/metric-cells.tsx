import { Text, Tooltip } from "@medusajs/ui"
import { formatCount, formatMoney, formatPercent } from "../charts"

/** Per-currency amounts, one line each ("–" when none). */
export const MoneyList = ({
  amounts,
  testId,
}: {
  amounts: { currency_code: string; amount: number | null }[]
  testId?: string
}) =>
  amounts.length ? (
    <div className="flex flex-col" data-testid={testId}>
      {amounts.map((entry) => (
        <span key={entry.currency_code} className="whitespace-nowrap tabular-nums">
          {formatMoney(entry.amount, entry.currency_code)}
        </span>
      ))}
    </div>
  ) : (
    <span className="text-ui-fg-muted" data-testid={testId}>
      –
    </span>
  )

/** A rate with the counts behind it on hover. */
export const RateCell = ({ rate, of }: { rate: number | null; of?: string }) =>
  of ? (
    <Tooltip content={of}>
      <span className="tabular-nums">{formatPercent(rate)}</span>
    </Tooltip>
  ) : (
    <span className="tabular-nums">{formatPercent(rate)}</span>
  )

export const CountCell = ({ value }: { value: number }) => <span className="tabular-nums">{formatCount(value)}</span>

/** A figure with its label, for a metrics strip. */
export const Stat = ({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) => (
  <div className="flex min-w-[110px] flex-col gap-y-0.5" data-testid={testId}>
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="base" weight="plus" className="tabular-nums" asChild>
      <div>{value}</div>
    </Text>
  </div>
)

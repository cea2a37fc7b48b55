import { Input, Label, Select } from "@medusajs/ui"
import { PERIOD_PRESETS, type PeriodChoice } from "../../../../lib/reports"

const PERIOD_LABELS: Record<PeriodChoice, string> = {
  "7": "Last 7 days",
  "30": "Last 30 days",
  "90": "Last 90 days",
  custom: "Custom",
}

type DashboardFiltersProps = {
  period: PeriodChoice
  from: string
  to: string
  currency: string | null
  currencies: string[]
  onPeriod: (period: PeriodChoice) => void
  onRange: (range: { from?: string; to?: string }) => void
  onCurrency: (currency: string) => void
  /** The custom range, when it cannot be used. */
  rangeError?: string | null
}

/** The dashboard's period (7, 30, 90 days or custom days) and currency. */
export const DashboardFilters = ({
  period,
  from,
  to,
  currency,
  currencies,
  onPeriod,
  onRange,
  onCurrency,
  rangeError,
}: DashboardFiltersProps) => (
  <div className="flex flex-wrap items-end gap-3" data-testid="dashboard-filters">
    <div className="flex flex-col gap-y-1">
      <Label size="xsmall" htmlFor="dashboard-period" className="text-ui-fg-subtle">
        Period
      </Label>
      <Select size="small" value={period} onValueChange={(value) => value && onPeriod(value as PeriodChoice)}>
        <Select.Trigger id="dashboard-period" data-testid="dashboard-period" className="w-[150px]">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {[...PERIOD_PRESETS, "custom" as const].map((choice) => (
            <Select.Item key={choice} value={choice} data-testid={`dashboard-period-${choice}`}>
              {PERIOD_LABELS[choice]}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
    {period === "custom" ? (
      <>
        <div className="flex flex-col gap-y-1">
          <Label size="xsmall" htmlFor="dashboard-from" className="text-ui-fg-subtle">
            From
          </Label>
          <Input
            id="dashboard-from"
            type="date"
            size="small"
            value={from}
            max={to || undefined}
            aria-invalid={!!rangeError}
            onChange={(event) => onRange({ from: event.target.value })}
            data-testid="dashboard-from"
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="xsmall" htmlFor="dashboard-to" className="text-ui-fg-subtle">
            To
          </Label>
          <Input
            id="dashboard-to"
            type="date"
            size="small"
            value={to}
            min={from || undefined}
            aria-invalid={!!rangeError}
            onChange={(event) => onRange({ to: event.target.value })}
            data-testid="dashboard-to"
          />
        </div>
      </>
    ) : null}
    <div className="flex flex-col gap-y-1">
      <Label size="xsmall" htmlFor="dashboard-currency" className="text-ui-fg-subtle">
        Currency
      </Label>
      <Select
        size="small"
        value={currency ?? ""}
        disabled={!currencies.length}
        onValueChange={(value) => value && onCurrency(value)}
      >
        <Select.Trigger id="dashboard-currency" data-testid="dashboard-currency" className="w-[110px]">
          <Select.Value placeholder="None" />
        </Select.Trigger>
        <Select.Content>
          {currencies.map((code) => (
            <Select.Item key={code} value={code} data-testid={`dashboard-currency-${code}`}>
              {code.toUpperCase()}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  </div>
)

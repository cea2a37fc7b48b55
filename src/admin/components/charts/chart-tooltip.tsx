import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type TooltipRow = { name?: unknown; value?: unknown; color?: string; dataKey?: unknown }

type ChartTooltipProps = {
  active?: boolean
  payload?: readonly TooltipRow[]
  label?: unknown
  /** The title from the hovered label (a day, a range). */
  formatLabel?: (label: unknown) => ReactNode
  /** One value's text (money, a percentage). */
  formatValue?: (value: number, name: string) => ReactNode
  /** Hide rows whose value is 0 (stacked series with many flows). */
  hideZero?: boolean
}

/**
 * The tooltip of every chart, in the admin's card style: the hovered label,
 * then one row per series with its colour.
 */
export const ChartTooltip = ({
  active,
  payload,
  label,
  formatLabel = (value) => String(value ?? ""),
  formatValue = (value) => new Intl.NumberFormat().format(value),
  hideZero = false,
}: ChartTooltipProps) => {
  if (!active || !payload?.length) {
    return null
  }
  const rows = payload.filter((row) => !hideZero || Number(row.value) !== 0)
  return (
    <div
      className="bg-ui-bg-base shadow-elevation-tooltip flex min-w-[140px] flex-col gap-y-1 rounded-lg px-3 py-2"
      data-testid="chart-tooltip"
    >
      <Text size="xsmall" weight="plus" leading="compact">
        {formatLabel(label)}
      </Text>
      {rows.map((row, index) => (
        <div key={`${String(row.dataKey ?? row.name)}-${index}`} className="flex items-center justify-between gap-x-3">
          <span className="flex items-center gap-x-1.5">
            {row.color ? (
              <span className="inline-block size-2 shrink-0 rounded-full" style={{ background: row.color }} />
            ) : null}
            <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
              {String(row.name ?? "")}
            </Text>
          </span>
          <Text size="xsmall" leading="compact" className="tabular-nums">
            {formatValue(Number(row.value ?? 0), String(row.name ?? ""))}
          </Text>
        </div>
      ))}
    </div>
  )
}

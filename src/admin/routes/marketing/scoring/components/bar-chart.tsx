import { useState } from "react"
import {
  CHART_GRID_COLOR,
  CHART_TEXT_STYLE,
  axisTicks,
  contactsLabel,
  formatCount,
  niceMax,
  useElementWidth,
} from "./use-element-width"

export type BarChartItem = {
  key: string
  label: string
  count: number
  /** A CSS colour, e.g. `var(--tag-green-icon)`. */
  color: string
}

type BarChartProps = {
  items: BarChartItem[]
  /** What the bars count, for the axis and the hover text. */
  valueLabel?: string
  ariaLabel: string
  testId?: string
}

const ROW_HEIGHT = 26
const BAR_HEIGHT = 14
const MARGIN = { top: 4, right: 48, bottom: 36 }

/**
 * A horizontal bar chart drawn as inline SVG: one row per category, its count
 * at the end of the bar, and the share of the total on hover.
 */
export const BarChart = ({
  items,
  valueLabel = "Contacts",
  ariaLabel,
  testId,
}: BarChartProps) => {
  const { ref, width } = useElementWidth<HTMLDivElement>()
  const [hovered, setHovered] = useState<string | null>(null)

  const labelWidth = Math.min(150, Math.max(90, width * 0.32))
  const left = labelWidth + 8
  const plotWidth = Math.max(0, width - left - MARGIN.right)
  const plotHeight = items.length * ROW_HEIGHT
  const height = MARGIN.top + plotHeight + MARGIN.bottom
  const max = niceMax(Math.max(0, ...items.map((item) => item.count)))
  const ticks = axisTicks(max)
  const total = items.reduce((sum, item) => sum + item.count, 0)
  const x = (count: number) => left + (count / max) * plotWidth

  return (
    <div ref={ref} className="w-full" data-testid={testId}>
      {width > 0 ? (
        <svg width={width} height={height} role="img" aria-label={ariaLabel}>
          <title>{ariaLabel}</title>

          {/* x axis: grid lines and counts */}
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={x(tick)}
                x2={x(tick)}
                y1={MARGIN.top}
                y2={MARGIN.top + plotHeight}
                stroke={CHART_GRID_COLOR}
                strokeDasharray={tick === 0 ? undefined : "2 3"}
              />
              <text
                x={x(tick)}
                y={MARGIN.top + plotHeight + 14}
                textAnchor="middle"
                style={CHART_TEXT_STYLE}
              >
                {formatCount(tick)}
              </text>
            </g>
          ))}
          <text
            x={left + plotWidth / 2}
            y={height - 6}
            textAnchor="middle"
            style={CHART_TEXT_STYLE}
          >
            {valueLabel}
          </text>

          {items.map((item, index) => {
            const rowTop = MARGIN.top + index * ROW_HEIGHT
            const middle = rowTop + ROW_HEIGHT / 2
            const share = total ? Math.round((item.count / total) * 100) : 0
            const isHovered = hovered === item.key
            return (
              <g
                key={item.key}
                onMouseEnter={() => setHovered(item.key)}
                onMouseLeave={() => setHovered(null)}
                data-key={item.key}
                data-count={item.count}
              >
                <title>{`${item.label}: ${contactsLabel(item.count)} (${share}%)`}</title>
                <rect
                  x={0}
                  y={rowTop}
                  width={width}
                  height={ROW_HEIGHT}
                  style={{
                    fill: isHovered ? "var(--bg-base-hover)" : "transparent",
                  }}
                />
                <text
                  x={labelWidth}
                  y={middle}
                  dy="0.32em"
                  textAnchor="end"
                  style={{
                    ...CHART_TEXT_STYLE,
                    fill: isHovered ? "var(--fg-base)" : "var(--fg-subtle)",
                    fontSize: 12,
                  }}
                >
                  {item.label}
                </text>
                {item.count > 0 ? (
                  <rect
                    x={left}
                    y={middle - BAR_HEIGHT / 2}
                    width={Math.max(2, x(item.count) - left)}
                    height={BAR_HEIGHT}
                    rx={2}
                    style={{ fill: item.color }}
                  />
                ) : null}
                <text
                  x={item.count > 0 ? x(item.count) + 6 : left + 6}
                  y={middle}
                  dy="0.32em"
                  style={{
                    ...CHART_TEXT_STYLE,
                    fill: "var(--fg-base)",
                  }}
                >
                  {formatCount(item.count)}
                </text>
              </g>
            )
          })}
        </svg>
      ) : (
        <div style={{ height: MARGIN.top + items.length * ROW_HEIGHT + MARGIN.bottom }} />
      )}
    </div>
  )
}

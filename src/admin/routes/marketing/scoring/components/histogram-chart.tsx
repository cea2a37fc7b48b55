import { useState } from "react"
import type { HistogramBucket } from "../../../../lib/types"
import {
  CHART_GRID_COLOR,
  CHART_TEXT_STYLE,
  axisTicks,
  contactsLabel,
  formatCount,
  niceMax,
  useElementWidth,
} from "./use-element-width"

type HistogramChartProps = {
  buckets: HistogramBucket[]
  /** The x axis title, e.g. "Acquisition score". */
  xLabel: string
  testId?: string
  height?: number
}

const MARGIN = { top: 12, right: 12, bottom: 40, left: 48 }
const LABEL_WIDTH = 28

const boundFormatter = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
})

const formatBound = (value: number) => boundFormatter.format(value)

/** Bars of non-empty ranges stay visible however tall the tallest is. */
const MIN_BAR_HEIGHT = 3

/**
 * A histogram drawn as inline SVG: one bar per score range (`from`..`to`,
 * both included), contacts on the y axis. Hovering a column shows its range
 * and count.
 */
export const HistogramChart = ({
  buckets,
  xLabel,
  testId,
  height = 220,
}: HistogramChartProps) => {
  const { ref, width } = useElementWidth<HTMLDivElement>()
  const [hovered, setHovered] = useState<number | null>(null)

  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right)
  const plotHeight = height - MARGIN.top - MARGIN.bottom
  const max = niceMax(Math.max(0, ...buckets.map((bucket) => bucket.count)))
  const ticks = axisTicks(max)
  const band = buckets.length ? plotWidth / buckets.length : 0
  const gap = Math.min(4, band * 0.2)
  const y = (count: number) => MARGIN.top + plotHeight - (count / max) * plotHeight
  // Label every n-th bound so the labels never overlap.
  const every = Math.max(1, Math.ceil(LABEL_WIDTH / Math.max(band, 1)))
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0)

  return (
    <div ref={ref} className="w-full" data-testid={testId}>
      {width > 0 ? (
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={`${xLabel} distribution of ${contactsLabel(total)}`}
        >
          <title>{`${xLabel} distribution`}</title>

          {/* y axis: grid lines and counts */}
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={MARGIN.left}
                x2={MARGIN.left + plotWidth}
                y1={y(tick)}
                y2={y(tick)}
                stroke={CHART_GRID_COLOR}
                strokeDasharray={tick === 0 ? undefined : "2 3"}
              />
              <text
                x={MARGIN.left - 6}
                y={y(tick)}
                dy="0.32em"
                textAnchor="end"
                style={CHART_TEXT_STYLE}
              >
                {formatCount(tick)}
              </text>
            </g>
          ))}
          <text
            transform={`translate(12, ${MARGIN.top + plotHeight / 2}) rotate(-90)`}
            textAnchor="middle"
            style={CHART_TEXT_STYLE}
          >
            Contacts
          </text>

          {/* bars */}
          {buckets.map((bucket, index) => {
            const x = MARGIN.left + index * band
            const top = Math.min(
              y(bucket.count),
              MARGIN.top + plotHeight - MIN_BAR_HEIGHT
            )
            const range =
              bucket.from === bucket.to
                ? formatBound(bucket.from)
                : `${formatBound(bucket.from)} to ${formatBound(bucket.to)}`
            const label = `${range}: ${contactsLabel(bucket.count)}`
            return (
              <g
                key={`${bucket.from}-${bucket.to}`}
                onMouseEnter={() => setHovered(index)}
                onMouseLeave={() => setHovered(null)}
                data-count={bucket.count}
              >
                <title>{label}</title>
                {/* The whole column answers hovering, even an empty one. */}
                <rect
                  x={x}
                  y={MARGIN.top}
                  width={band}
                  height={plotHeight}
                  fill="transparent"
                />
                {bucket.count > 0 ? (
                  <rect
                    x={x + gap / 2}
                    y={top}
                    width={Math.max(1, band - gap)}
                    height={MARGIN.top + plotHeight - top}
                    rx={2}
                    style={{
                      fill:
                        hovered === index
                          ? "var(--fg-interactive-hover)"
                          : "var(--fg-interactive)",
                    }}
                  />
                ) : null}
              </g>
            )
          })}

          {/* x axis: the start of each range, under its bar */}
          {buckets.map((bucket, index) =>
            index % every === 0 ? (
              <text
                key={`label-${index}`}
                x={MARGIN.left + index * band + band / 2}
                y={MARGIN.top + plotHeight + 14}
                textAnchor="middle"
                style={CHART_TEXT_STYLE}
              >
                {formatBound(bucket.from)}
              </text>
            ) : null
          )}
          <text
            x={MARGIN.left + plotWidth / 2}
            y={height - 6}
            textAnchor="middle"
            style={CHART_TEXT_STYLE}
          >
            {xLabel}
          </text>
        </svg>
      ) : (
        <div style={{ height }} />
      )}
    </div>
  )
}

import { formatDate } from "../lib/format"

export type SparklinePoint = {
  /** YYYY-MM-DD */
  day: string
  count: number
}

type SparklineProps = {
  points: SparklinePoint[]
  width?: number
  height?: number
  /** What is counted, for the hover text: "members". */
  label?: string
  testId?: string
}

const countFormatter = new Intl.NumberFormat()

const describe = (points: SparklinePoint[], label: string) => {
  if (!points.length) {
    return `No ${label} history yet`
  }
  const first = points[0]
  const last = points[points.length - 1]
  const from = formatDate(first.day, { utc: true })
  const to = formatDate(last.day, { utc: true })
  return `${countFormatter.format(first.count)} ${label} on ${from}, ${countFormatter.format(
    last.count
  )} on ${to}`
}

/**
 * A small line of daily counts (oldest first), drawn as inline SVG: the
 * shape of a trend at a glance, the first and last values on hover.
 */
export const Sparkline = ({
  points,
  width = 96,
  height = 24,
  label = "members",
  testId,
}: SparklineProps) => {
  const title = describe(points, label)
  const pad = 2
  const max = Math.max(0, ...points.map((point) => point.count))
  const min = Math.min(max, ...points.map((point) => point.count))
  const span = max - min || 1
  const x = (index: number) =>
    points.length > 1
      ? pad + (index / (points.length - 1)) * (width - pad * 2)
      : width / 2
  const y = (count: number) =>
    max === min
      ? height / 2
      : pad + (1 - (count - min) / span) * (height - pad * 2)

  const line = points
    .map((point, index) => `${index ? "L" : "M"}${x(index).toFixed(1)},${y(point.count).toFixed(1)}`)
    .join(" ")
  const area = points.length
    ? `${line} L${x(points.length - 1).toFixed(1)},${height} L${x(0).toFixed(1)},${height} Z`
    : ""
  const last = points[points.length - 1]

  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
      data-testid={testId}
      data-points={points.length}
      data-last={last?.count}
      style={{ overflow: "visible" }}
    >
      <title>{title}</title>
      {points.length ? (
        <>
          <path d={area} style={{ fill: "var(--tag-blue-bg)" }} />
          <path
            d={line}
            fill="none"
            strokeWidth={1.5}
            strokeLinejoin="round"
            strokeLinecap="round"
            style={{ stroke: "var(--tag-blue-icon)" }}
          />
          <circle
            cx={x(points.length - 1)}
            cy={y(last.count)}
            r={2}
            style={{ fill: "var(--tag-blue-icon)" }}
          />
        </>
      ) : (
        <line
          x1={pad}
          x2={width - pad}
          y1={height / 2}
          y2={height / 2}
          strokeDasharray="2 3"
          style={{ stroke: "var(--border-base)" }}
        />
      )}
    </svg>
  )
}

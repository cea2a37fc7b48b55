import type { ReactElement } from "react"
import { ResponsiveContainer } from "recharts"

type ChartFrameProps = {
  /** A recharts chart (BarChart, AreaChart…): it gets the frame's size. */
  children: ReactElement
  height: number
  ariaLabel: string
  testId?: string
}

/**
 * The box a chart draws in: as wide as its container, `height` tall, named
 * for screen readers (`role="img"`) and found by tests through `testId`.
 */
export const ChartFrame = ({ children, height, ariaLabel, testId }: ChartFrameProps) => (
  <div className="w-full" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel}>
    <ResponsiveContainer width="100%" height="100%">
      {children}
    </ResponsiveContainer>
  </div>
)

export * from "./theme"
export { ChartTooltip } from "./chart-tooltip"
export { ChartFrame } from "./chart-frame"

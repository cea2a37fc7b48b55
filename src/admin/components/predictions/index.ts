export { PropensityCard } from "./propensity-card"
export { SendTimeHeatMap } from "./send-time-heat-map"

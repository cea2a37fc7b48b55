export * from "./steps"
export * from "./workflows/scoring-maintenance"
export * from "./workflows/scoring-rules"

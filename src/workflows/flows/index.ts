export * from "./steps"
export * from "./workflows/run-flow-action"

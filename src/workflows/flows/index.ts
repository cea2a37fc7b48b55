export * from "./steps"
export * from "./workflows/run-flow-step"
export * from "./workflows/flow-runner"

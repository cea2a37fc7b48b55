export * from "./steps"
export * from "./utils/references"
export * from "./workflows/flows"
export * from "./workflows/install-flow-recipe"

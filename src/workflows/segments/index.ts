export * from "./steps"
export * from "./workflows/membership"
export * from "./workflows/segments"

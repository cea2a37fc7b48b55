export * from "./steps"
export * from "./workflows/membership"
export * from "./workflows/segments"
export * from "./evaluate-in-group"

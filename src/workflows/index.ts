export * from "./tracking"

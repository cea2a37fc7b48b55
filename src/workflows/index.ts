export * from "./tracking"
export * from "./scoring"

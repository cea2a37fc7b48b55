export * from "./tracking"
export * from "./scoring"
export * from "./segments"
export * from "./email"

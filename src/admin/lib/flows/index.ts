export * from "./describe"
export * from "./layout"
export * from "./actions"
export * from "./numbers"

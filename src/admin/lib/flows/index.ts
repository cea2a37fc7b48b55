export * from "./describe"
export * from "./layout"
export * from "./actions"

export * from "./describe"
export * from "./layout"

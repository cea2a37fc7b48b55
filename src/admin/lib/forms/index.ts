export * from "./types"
export * from "./draft"

export * from "./columns"
export * from "./audience"

export * from "./fit-predictions"
export * from "./fit-lead-predictions"

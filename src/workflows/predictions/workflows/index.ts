export * from "./fit-predictions"

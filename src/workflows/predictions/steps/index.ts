export * from "./fit-predictions"
export * from "./update-contact-predictions"
export * from "./fit-lead-predictions"

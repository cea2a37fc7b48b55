export * from "./fit-predictions"
export * from "./update-contact-predictions"

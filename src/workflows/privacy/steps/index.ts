export * from "./contact-ref"
export * from "./erase-contact"
export * from "./erase-email-notifications"
export * from "./export-contact-data"

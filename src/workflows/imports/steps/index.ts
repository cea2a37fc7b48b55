export * from "./queue-contact-import"
export * from "./run-contact-import"

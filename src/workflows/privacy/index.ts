export * from "./steps/contact-ref"
export * from "./steps/erase-contact"
export * from "./steps/export-contact-data"
export * from "./workflows/privacy"

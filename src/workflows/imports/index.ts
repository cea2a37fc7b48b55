export * from "./steps"
export * from "./workflows/contact-imports"
export * from "./workflows/after-contact-import"

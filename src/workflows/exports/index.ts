export * from "./steps"
export * from "./workflows/contact-exports"

export * from "./steps/save-email-template"
export * from "./steps/validate-email-template"
export * from "./workflows/email-templates"

export * from "./forms"
export * from "./form-activity"
export * from "./submit-form"

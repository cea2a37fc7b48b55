export * from "./create-contact-export"
export * from "./run-contact-export"
export * from "./expire-contact-export-files"

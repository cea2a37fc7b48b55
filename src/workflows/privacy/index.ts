export * from "./steps"
export * from "./workflows/privacy"
export * from "./workflows/purge-expired-events"

export * from "./report-settings"
export * from "./channel-spend"
export * from "./attribution"
export * from "./message-rollups"

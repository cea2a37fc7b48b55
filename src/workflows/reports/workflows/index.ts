export * from "./report-settings"
export * from "./channel-spend"

/**
 * Segments: definitions (condition trees over contacts, their events and
 * purchases), their validation and dependencies, the SQL they compile to for
 * full builds and per-contact evaluation, time-window edges, built-in
 * segments and the membership trend. Plain TypeScript, no Medusa imports.
 */
export * from "./types"
export * from "./fields"
export * from "./definition"
export * from "./assert"
export * from "./sql"
export * from "./built-ins"
export * from "./trend"

/**
 * What the scoring pages show and edit: stages and RFM groups, rules, the
 * condition operators and the editor's condition drafts.
 */
export * from "./condition-drafts"
export * from "./conditions"
export * from "./rules"
export * from "./stages"

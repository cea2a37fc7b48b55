/**
 * The segment builder's pure core: labels, the draft the builder edits,
 * definition -> draft (parse) and back (build, with every row's path), the
 * rows a server message points at, and one-line summaries. Round-trip tests
 * in ../__tests__/segments.unit.spec.ts.
 */
export * from "./build"
export * from "./describe"
export * from "./draft"
export * from "./errors"
export * from "./labels"
export * from "./parse"
// Kept importable from here: the segment pages read them from this module.
export { contactsLabel, formatCount } from "../format"

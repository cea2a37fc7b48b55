/**
 * Nurturing flows: the definition (types), the step types the engine runs,
 * and the definition's validation (field by field and as a graph) with the
 * ids it references. Plain TypeScript, no Medusa imports.
 */
export * from "./types"
export * from "./runnable"
export * from "./graph"
export * from "./recipes"
export * from "./actions"

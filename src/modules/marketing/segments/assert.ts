import type { ValidationError } from "../conditions"
import { validateSegmentDefinition } from "./definition"
import type { SegmentNode } from "./types"

export class SegmentDefinitionError extends Error {
  constructor(public readonly errors: ValidationError[]) {
    super(errors.map((e) => `${e.path || "(root)"}: ${e.message}`).join("; "))
    this.name = "SegmentDefinitionError"
  }
}

/** Validates or throws, for code paths that only accept valid definitions. */
export function assertSegmentDefinition(tree: unknown): SegmentNode {
  const result = validateSegmentDefinition(tree)
  if (!result.ok) throw new SegmentDefinitionError(result.errors)
  return result.tree
}

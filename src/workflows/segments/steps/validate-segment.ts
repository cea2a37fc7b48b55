import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import {
  dependenciesOf,
  findCycle,
  pathOfReference,
  validateSegmentDefinition,
  type SegmentDependencies,
} from "../../../modules/marketing/segments"
import { marketingOf } from "../../utils/marketing"

export type SegmentInput = {
  name?: string
  description?: string | null
  definition?: unknown
  mirror_to_customer_group?: boolean
  built_in_key?: string | null
}

export type ValidateSegmentStepInput = { id?: string; segment: SegmentInput }

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${message}`)

export const validateSegmentStepId = "validate-segment"

/**
 * Checks a segment as it will be saved (an update merged over the stored
 * one): the definition's tree, that referenced segments and customer groups
 * exist, that no segment references itself through others, and that a
 * mirror group's name is free. Every problem names its path.
 */
export const validateSegmentStep = createStep(
  validateSegmentStepId,
  async (input: ValidateSegmentStepInput, { container }) => {
    const marketing = marketingOf(container)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const existing = input.id ? await marketing.retrieveSegment(input.id) : null
    const merged = { ...(existing ?? {}), ...input.segment } as SegmentInput & { customer_group_id?: string | null }

    const checked = validateSegmentDefinition(merged.definition)
    if (!checked.ok) {
      throw invalid(checked.errors.map((e) => `definition${e.path ? `.${e.path}` : ""}: ${e.message}`).join("; "))
    }
    const dependencies: SegmentDependencies = dependenciesOf(checked.tree)
    const definition = merged.definition

    const others = await marketing.listSegments({}, { select: ["id", "name", "dependencies", "customer_group_id"] })
    const known = new Map(others.map((s) => [s.id, s]))
    for (const ref of dependencies.segments) {
      if (!known.has(ref) || ref === input.id) {
        const why = ref === input.id ? "a segment cannot contain itself" : `unknown segment "${ref}"`
        throw invalid(`definition.${pathOfReference(definition, "segment", ref)}: ${why}`)
      }
    }
    const graph = new Map(others.map((s) => [s.id, ((s.dependencies as SegmentDependencies | null)?.segments ?? []) as string[]]))
    const self = input.id ?? "(new segment)"
    graph.set(self, dependencies.segments)
    const cycle = findCycle(graph, self)
    if (cycle) {
      throw invalid(
        `definition.${pathOfReference(definition, "segment", cycle[1])}: would make a cycle (${cycle
          .map((id) => (known.get(id)?.name ? `"${known.get(id)!.name}"` : "this segment"))
          .join(" → ")})`
      )
    }

    if (dependencies.customer_groups.length) {
      const { data: groups } = await query.graph({
        entity: "customer_group",
        fields: ["id"],
        filters: { id: dependencies.customer_groups },
      })
      const found = new Set(groups.map((g: { id: string }) => g.id))
      const mirrors = new Map(others.filter((s) => s.customer_group_id).map((s) => [s.customer_group_id!, s.name]))
      for (const id of dependencies.customer_groups) {
        const path = `definition.${pathOfReference(definition, "customer_group", id)}`
        if (!found.has(id)) throw invalid(`${path}: unknown customer group "${id}"`)
        if (mirrors.has(id)) throw invalid(`${path}: this group mirrors the segment "${mirrors.get(id)}"; use that segment instead`)
      }
    }

    if (merged.mirror_to_customer_group && !merged.customer_group_id && merged.name) {
      const { data: taken } = await query.graph({ entity: "customer_group", fields: ["id"], filters: { name: merged.name } })
      if (taken.length) {
        throw invalid(`mirror_to_customer_group: a customer group named "${merged.name}" already exists; rename the segment or that group`)
      }
    }
    return new StepResponse({ ...input.segment, ...(input.segment.definition !== undefined ? { dependencies } : {}) })
  }
)

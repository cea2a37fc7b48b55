import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import {
  flowReferences, STEP_ID, type FlowDefinition, type FlowReference, type FlowValidationError,
} from "../../../modules/marketing/flows"
import { marketingOf } from "../../utils/marketing"

const unique = (refs: FlowReference[]) => [...new Set(refs.map((r) => r.id))]

/** An error about a reference names its step when a step names it. */
function missing(refs: FlowReference[], found: Set<string>, what: string): FlowValidationError[] {
  return refs
    .filter((r) => !found.has(r.id))
    .map((r) => ({
      path: r.path,
      message: `unknown ${what} "${r.id}"`,
      ...(r.path.startsWith("steps.") && STEP_ID.test(r.owner) ? { step_id: r.owner } : {}),
    }))
}

/**
 * The templates (marketing_email_template), segments (marketing_segment) and
 * customer groups (Medusa's customer module) a valid definition names that do
 * not exist.
 */
export async function referenceErrors(container: MedusaContainer, def: FlowDefinition): Promise<FlowValidationError[]> {
  const refs = flowReferences(def)
  const marketing = marketingOf(container)
  const [templates, segments, groups] = await Promise.all([
    refs.templates.length ? marketing.listEmailTemplates({ id: unique(refs.templates) }, { select: ["id"] }) : [],
    refs.segments.length ? marketing.listSegments({ id: unique(refs.segments) }, { select: ["id"] }) : [],
    refs.customer_groups.length
      ? container
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "customer_group", fields: ["id"], filters: { id: unique(refs.customer_groups) } })
          .then((r: { data: { id: string }[] }) => r.data)
      : [],
  ])
  const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id))
  return [
    ...missing(refs.templates, ids(templates), "template"),
    ...missing(refs.segments, ids(segments), "segment"),
    ...missing(refs.customer_groups, ids(groups), "customer group"),
  ]
}

/** A 400 naming each problem's field under `definition` (and its step): what the API answers for a bad flow. */
export function invalidFlow(errors: FlowValidationError[]): MedusaError {
  const text = errors
    .slice(0, 10)
    .map((e) => `definition${e.path ? `.${e.path}` : ""}: ${e.message}${e.step_id ? ` (step ${e.step_id})` : ""}`)
    .join("; ")
  return new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${text}`)
}

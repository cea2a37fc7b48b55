import { WorkflowData, WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { ScoringRuleDefinition } from "../../../modules/marketing/scoring/rules"
import { MarketingEvents } from "../../tracking/events"
import { createScoringRecomputeStep } from "../steps"
import { createScoringRuleStep, deleteScoringRuleStep, updateScoringRuleStep } from "../steps"
import { validateScoringRuleStep } from "../steps/validate-scoring-rule"

/**
 * When the owner asked to apply a change to history, starts a background
 * apply of that one rule: its ledger entries and the scores they move, not
 * a rebuild of every score.
 */
function maybeApplyToHistory(applyToHistory: boolean | undefined, reason: string, ruleId: WorkflowData<string> | string) {
  return when({ applyToHistory }, ({ applyToHistory }) => !!applyToHistory).then(() => {
    const recompute = createScoringRecomputeStep(transform({ ruleId }, ({ ruleId }) => ({ reason, rule_id: ruleId })))
    emitEventStep({
      eventName: MarketingEvents.SCORING_RECOMPUTE_REQUESTED,
      data: transform({ recompute }, ({ recompute }) => ({ id: recompute.id })),
    })
    return recompute
  })
}

export type CreateScoringRuleWorkflowInput = { rule: ScoringRuleDefinition; apply_to_history?: boolean }

/**
 * Creates a scoring rule. With `apply_to_history`, a background apply
 * scores every stored event of its type with it.
 *
 * @example
 * const { result } = await createScoringRuleWorkflow(container).run({
 *   input: { rule: { name: "Viewed shoes", kind: "engagement", event_type: "product_viewed",
 *     conditions: { and: [{ field: "properties.category", operator: "eq", value: "shoes" }] },
 *     points: 5, cap_count: 3, cap_period: "day" }, apply_to_history: true },
 * })
 */
export const createScoringRuleWorkflow = createWorkflow(
  "create-scoring-rule",
  (input: CreateScoringRuleWorkflowInput) => {
    const rule = validateScoringRuleStep({ rule: input.rule })
    const created = createScoringRuleStep(rule as any)
    const recompute = maybeApplyToHistory(
      input.apply_to_history,
      "Rule created",
      transform({ created }, ({ created }) => (created as { id: string }).id)
    )
    return new WorkflowResponse({ scoring_rule: created, recompute })
  }
)

export type UpdateScoringRuleWorkflowInput = {
  id: string
  update: Partial<ScoringRuleDefinition>
  apply_to_history?: boolean
}

/**
 * Edits, activates or deactivates a scoring rule, optionally re-scoring history.
 *
 * @example
 * await updateScoringRuleWorkflow(container).run({
 *   input: { id: "msrule_123", update: { active: false }, apply_to_history: true },
 * })
 */
export const updateScoringRuleWorkflow = createWorkflow(
  "update-scoring-rule",
  (input: UpdateScoringRuleWorkflowInput) => {
    validateScoringRuleStep({ id: input.id, rule: input.update })
    const updated = updateScoringRuleStep({ id: input.id, update: input.update as any })
    const recompute = maybeApplyToHistory(input.apply_to_history, "Rule changed", input.id)
    return new WorkflowResponse({ scoring_rule: updated, recompute })
  }
)

export type DeleteScoringRuleWorkflowInput = { id: string; apply_to_history?: boolean }

/**
 * Deletes a scoring rule. Its ledger entries stay as history unless the
 * change is applied to history, which removes them and the points they gave.
 *
 * @example
 * await deleteScoringRuleWorkflow(container).run({ input: { id: "msrule_123", apply_to_history: true } })
 */
export const deleteScoringRuleWorkflow = createWorkflow(
  "delete-scoring-rule",
  (input: DeleteScoringRuleWorkflowInput) => {
    const id = deleteScoringRuleStep(input.id)
    const recompute = maybeApplyToHistory(input.apply_to_history, "Rule deleted", input.id)
    return new WorkflowResponse({ id, recompute })
  }
)

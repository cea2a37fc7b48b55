import { Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { pickOwner } from "../../../modules/marketing/flows/actions"
import type { AssignOwnerStep, StepRunInput, StepRunResult } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"
import { recordedRun, resultOf } from "../utils/step-runs"

type Previous = { contact_id: string; owner_user_id: string | null }

export const flowAssignOwnerStepId = "flow-assign-owner"

/**
 * A flow's `assign_owner` step: sets the contact's owner (an admin user).
 * `fixed` gives the first of `user_ids`; `round_robin` the one after the last
 * owner this flow step assigned (read from its latest completed run), skipping
 * ids that are no longer users. A key already run returns what it assigned.
 * Compensation restores the previous owner.
 */
export const flowAssignOwnerStep = createStep(
  flowAssignOwnerStepId,
  async (input: StepRunInput<AssignOwnerStep>, { container }) => {
    const marketing = marketingOf(container)
    const done = await recordedRun(marketing, input.idempotency_key)
    if (done) return new StepResponse<StepRunResult, Previous | null>(resultOf(done), null)

    const ids = input.step.user_ids
    const users = ids.length
      ? await container.resolve(Modules.USER).listUsers({ id: ids }, { select: ["id"], take: ids.length })
      : []
    const known = new Set(users.map((u: { id: string }) => u.id))
    const candidates = ids.filter((id) => known.has(id))
    if (!candidates.length) {
      return new StepResponse<StepRunResult, Previous | null>({ outcome: "failed", reason: "none of user_ids is a user" }, null)
    }
    let last: string | null = null
    if (input.step.mode === "round_robin") {
      // Not this run's own row, should the engine have written it before calling the step.
      const latest = (
        await marketing.listFlowStepRuns(
          { flow_id: input.flow_id, step_id: input.step_id, outcome: "completed" },
          { select: ["id", "data", "idempotency_key", "finished_at"], order: { started_at: "DESC" }, take: 2 }
        )
      ).find((run) => run.idempotency_key !== input.idempotency_key && run.finished_at)
      last = ((latest?.data as Record<string, unknown> | null)?.owner_user_id as string | undefined) ?? null
    }
    const owner = pickOwner(candidates, input.step.mode, last)
    const contact = await marketing.retrieveContact(input.contact_id, { select: ["id", "owner_user_id"] })
    const previous = contact.owner_user_id ?? null
    if (previous !== owner) await marketing.updateContacts({ id: contact.id, owner_user_id: owner })
    return new StepResponse<StepRunResult, Previous | null>(
      { outcome: "completed", data: { owner_user_id: owner, previous_owner_user_id: previous } },
      previous !== owner ? { contact_id: contact.id, owner_user_id: previous } : null
    )
  },
  async (previous, { container }) => {
    if (!previous) return
    await marketingOf(container).updateContacts({ id: previous.contact_id, owner_user_id: previous.owner_user_id })
  }
)

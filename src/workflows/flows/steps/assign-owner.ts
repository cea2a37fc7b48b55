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
 * `fixed` gives the first of `user_ids`; `round_robin` the one whose turn it
 * is (a counter per flow step, taken atomically), among the ids that are still
 * users. A key already run returns what it assigned.
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
    // Round robin takes a turn atomically: runners assigning at once get different owners.
    const turn = input.step.mode === "round_robin" ? await marketing.takeRoundRobinTurn({ flow_id: input.flow_id, step_id: input.step_id }) : 0
    const owner = pickOwner(candidates, input.step.mode, turn)
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

import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export type UpdateEmailPreferencesInput = {
  contact_id: string
  /** Topic ids the contact does not want. Unknown ids are a 400. */
  topics_opted_out: string[]
  paused_until: string | null
}

export const updateEmailPreferencesStepId = "update-email-preferences"

/** Saves topic opt-outs and a pause; compensation puts the previous ones back. */
export const updateEmailPreferencesStep = createStep(
  updateEmailPreferencesStepId,
  async (input: UpdateEmailPreferencesInput, { container }) => {
    const marketing = marketingOf(container)
    const known = new Set(marketing.getEmailSettings().topics.map((t) => t.id))
    const unknown = input.topics_opted_out.filter((id) => !known.has(id))
    if (unknown.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `topics_opted_out: unknown topic ${unknown.join(", ")}`)
    }
    const liveId = await marketing.liveContactId(input.contact_id)
    input = { ...input, contact_id: liveId ?? input.contact_id }
    const [before] = await marketing.listContacts(
      { id: input.contact_id },
      { select: ["id", "email_topics_opted_out", "email_paused_until"] }
    )
    if (!before) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact with id: ${input.contact_id} was not found`)
    await marketing.setEmailPreferences(input)
    return new StepResponse(input, {
      contact_id: input.contact_id,
      topics_opted_out: (before.email_topics_opted_out as string[] | null) ?? [],
      paused_until: before.email_paused_until ? new Date(before.email_paused_until as any).toISOString() : null,
    })
  },
  async (previous, { container }) => {
    if (previous) await marketingOf(container).setEmailPreferences(previous)
  }
)

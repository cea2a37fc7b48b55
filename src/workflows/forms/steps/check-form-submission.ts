import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { newEntityId } from "../../../modules/marketing/ids"
import { InvalidInputError } from "../../../modules/marketing/invalid-input"
import { CheckedSubmission, SubmissionBody, checkSubmission } from "../../../modules/marketing/forms/submission"
import type { StoredForm } from "../../../modules/marketing/forms/types"

export const checkFormSubmissionStepId = "check-form-submission"

/**
 * Checks a submission against its form (fields, required consent, topics,
 * hidden fields): a 400 naming the first bad field before anything is
 * written, so no contact exists before the consent a form requires. Gives
 * the submission its id, which keys its incentive's code.
 */
export const checkFormSubmissionStep = createStep(
  checkFormSubmissionStepId,
  async (input: { form: StoredForm; body: SubmissionBody }) => {
    const result = checkSubmission(input.form, input.body)
    if (!result.ok) {
      const { problems } = result
      throw new InvalidInputError(`Invalid request: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, problems[0].field)
    }
    return new StepResponse<CheckedSubmission & { id: string }>({ ...result.submission, id: newEntityId("mfsub") })
  }
)

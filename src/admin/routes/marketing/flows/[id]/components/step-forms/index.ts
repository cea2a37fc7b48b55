import type { StepType } from "../../../../../../lib/types"
import { AssignOwnerForm } from "./assign-owner-form"
import { ConditionForm } from "./condition-form"
import { ExitForm } from "./exit-form"
import { CreateDiscountForm } from "./create-discount-form"
import { CustomerGroupForm } from "./customer-group-form"
import { NotifyTeamForm } from "./notify-team-form"
import { RandomSplitForm } from "./random-split-form"
import { SendEmailForm } from "./send-email-form"
import type { StepForm } from "./types"
import { UpdateContactForm } from "./update-contact-form"
import { WaitForEventForm } from "./wait-for-event-form"
import { WaitForm } from "./wait-form"
import { WebhookForm } from "./webhook-form"

export type { StepFormProps } from "./types"

/** Each step type's form; a type without one is edited as JSON. */
export const STEP_FORMS: Partial<Record<StepType, StepForm>> = {
  send_email: SendEmailForm,
  wait: WaitForm,
  wait_for_event: WaitForEventForm,
  condition: ConditionForm,
  random_split: RandomSplitForm,
  update_contact: UpdateContactForm,
  customer_group: CustomerGroupForm,
  create_discount: CreateDiscountForm,
  webhook: WebhookForm,
  notify_team: NotifyTeamForm,
  assign_owner: AssignOwnerForm,
  exit: ExitForm,
}

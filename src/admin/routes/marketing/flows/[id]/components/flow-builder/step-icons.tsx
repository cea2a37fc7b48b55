import {
  BellAlert,
  Bolt,
  Clock,
  CursorArrowRays,
  Envelope,
  FlagMini,
  Link,
  ReceiptPercent,
  Share,
  User,
  UserGroup,
  Users,
} from "@medusajs/icons"
import type { ComponentType } from "react"
import type { StepType } from "../../../../../../lib/types"

type Icon = ComponentType<{ className?: string }>

/** One icon per step type, on the canvas and in the panel. */
export const STEP_ICONS: Record<StepType, Icon> = {
  send_email: Envelope,
  wait: Clock,
  wait_for_event: CursorArrowRays,
  condition: Share,
  random_split: Share,
  update_contact: User,
  customer_group: UserGroup,
  create_discount: ReceiptPercent,
  webhook: Link,
  notify_team: BellAlert,
  assign_owner: Users,
  exit: FlagMini,
}

export const TriggerIcon: Icon = Bolt

/** Emails sent (or queued) to contacts. */
import type { PageInfo } from "../common/types"

export type MessageStatus =
  | "queued"
  | "sent"
  | "failed"
  | "bounced"
  | "complained"
  | "suppressed"
  | (string & {})

export interface Message {
  id: string
  contact_id: string | null
  template_id: string | null
  kind: "marketing" | "transactional" | (string & {})
  topic: string | null
  email: string
  subject: string | null
  status: MessageStatus
  error: string | null
  attempts: number
  queued_at: string
  sent_at: string | null
  opened_at: string | null
  clicked_at: string | null
  open_count: number
  click_count: number
  bounced_at: string | null
  complained_at: string | null
}

export interface MessageListParams {
  contact_id?: string
  template_id?: string
  status?: string
  limit?: number
  offset?: number
}

export interface MessageListResponse extends PageInfo {
  messages: Message[]
}

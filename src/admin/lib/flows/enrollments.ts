/**
 * Enrollments in the store owner's words: statuses, the current step, why an
 * enrollment ended, and each step run's outcome with its reason ("held by
 * quiet hours until 08:00 Europe/Paris", "skipped: unsubscribed"). Builds on
 * describe.ts's step labels. Pure: no Medusa or React imports.
 */
import { ENROLLMENT_STATUSES as SERVER_ENROLLMENT_STATUSES } from "../../../modules/marketing/flows/types"
import { formatAmount, formatDateTime } from "../format"
import { stepTypeLabel } from "./describe"
import type { EnrollmentStatus, FlowDefinition, FlowStepRun } from "./types"

export const ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = SERVER_ENROLLMENT_STATUSES

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  active: "In the flow",
  completed: "Completed",
  converted: "Converted",
  exited: "Exited",
  failed: "Failed",
}

export const ENROLLMENT_STATUS_COLORS: Record<EnrollmentStatus, "blue" | "grey" | "green" | "orange" | "red"> = {
  active: "blue",
  completed: "grey",
  converted: "green",
  exited: "orange",
  failed: "red",
}

export const enrollmentStatusLabel = (status: string) =>
  ENROLLMENT_STATUS_LABELS[status as EnrollmentStatus] ?? status

/** A step by its name, else its kind and id: "Give it a day", "Wait (wait_1)". */
export const stepLabel = (step: { id: string; type?: string | null; name?: string | null }) =>
  step.name?.trim() ? step.name : step.type ? `${stepTypeLabel(step.type)} (${step.id})` : step.id

/** The step with this id in a definition, as `stepLabel` names it. */
export const stepLabelIn = (definition: Partial<FlowDefinition> | undefined, id: string) => {
  const step = definition?.steps?.[id]
  return stepLabel({ id, type: step?.type, name: step?.name })
}

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const localDay = (at: Date, zone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at)

/**
 * "08:00 Europe/Paris": a time in the zone a decision was made in, with the
 * day ("Thu 11 Jun, 08:00 Europe/Paris") when it is not the day of `from`.
 */
export const formatZonedTime = (at: string | Date, zone: string, from?: string | Date) => {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return String(at)
  const tz = validZone(zone) ? zone : "UTC"
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date)
  const sameDay = from && localDay(new Date(from), tz) === localDay(date, tz)
  const day = sameDay
    ? ""
    : `${new Intl.DateTimeFormat("en-GB", { timeZone: tz, weekday: "short", day: "numeric", month: "short" }).format(date)}, `
  return `${day}${time} ${tz}`
}

const PRESSURE_WORDS: Record<string, string> = {
  quiet_hours: "quiet hours",
  frequency_cap: "the frequency cap",
  best_time: "the contact's best time",
}

// Why a message may not go (the dispatcher's reasons, email/delivery.ts) in the owner's words.
const SUPPRESSION_WORDS: [RegExp, string][] = [
  [/^email consent denied$/, "unsubscribed"],
  [/^email consent pending confirmation$/, "consent not confirmed yet"],
  [/^no email consent$/, "no email consent"],
  [/^address hard-bounced$/, "the address bounced"],
  [/^address suppressed \(complaint\)$/, "marked an email as spam"],
  [/^opted out of topic "(.+)"$/, 'opted out of "$1"'],
  [/^email paused until .+$/, "emails paused"],
  [/^contact erased$/, "contact erased"],
]

/** "suppressed: email consent denied" -> "unsubscribed"; unknown reasons as they are. */
export const suppressionWords = (reason: string) => {
  const text = reason.replace(/^suppressed:\s*/, "")
  for (const [pattern, words] of SUPPRESSION_WORDS) {
    if (pattern.test(text)) return text.replace(pattern, words)
  }
  return text
}

const SKIP_WORDS: Record<string, string> = {
  holdout: "in the holdout group",
  no_customer: "not a Medusa customer",
  quiet_hours: "quiet hours",
  frequency_cap: "the frequency cap",
}

const str = (value: unknown) => (typeof value === "string" && value ? value : undefined)

/** What a step that ran to the end did. */
const completedWords = (run: FlowStepRun): string => {
  const data = run.data ?? {}
  switch (run.step_type) {
    case "send_email": {
      const variant = run.variant ? ` (variant ${run.variant.toUpperCase()})` : ""
      return `${data.status === "sent" ? "email sent" : "email queued"}${variant}`
    }
    case "wait":
      // The admin's own clock: a plain wait is not tied to the contact's zone.
      return str(data.until) ? `waiting until ${formatDateTime(data.until as string)}` : "wait started"
    case "wait_for_event":
      return run.branch === "yes" ? "the event came" : run.branch === "no" ? "timed out waiting" : "waiting for the event"
    case "condition":
      return run.branch === "yes" ? "condition met: yes branch" : run.branch === "no" ? "condition not met: no branch" : "condition checked"
    case "random_split":
      return run.branch ? `split: branch ${run.branch}` : "split"
    case "create_discount":
      return str(data.code) ? `code ${data.code} ${data.created === false ? "reused" : "created"}` : "discount code created"
    case "webhook":
      return typeof data.status === "number" ? `webhook answered ${data.status}` : "webhook called"
    case "customer_group":
      return data.changed === false ? "customer group already as wanted" : "customer group updated"
    case "update_contact":
      return "contact updated"
    case "assign_owner":
      return "owner assigned"
    case "notify_team":
      return "team notified"
    case "exit":
      return "left the flow"
    default:
      return "done"
  }
}

/**
 * One step run in a line: "email sent (variant B)", "held by quiet hours
 * until 08:00 Europe/Paris", "skipped: unsubscribed", "failed: HTTP 500".
 */
export const describeStepRun = (run: FlowStepRun): string => {
  const reason = run.reason ?? ""
  const data = run.data ?? {}
  switch (run.outcome) {
    case "held": {
      const by = PRESSURE_WORDS[reason] ? `held ${reason === "best_time" ? "for" : "by"} ${PRESSURE_WORDS[reason]}` : reason ? `held: ${reason}` : "held"
      const retry = str(data.retry_at)
      if (!retry) return by
      const zone = str(data.time_zone) ?? "UTC"
      return `${by} until ${formatZonedTime(retry, zone, run.started_at)}`
    }
    case "skipped": {
      if (reason.startsWith("suppressed")) return `skipped: ${suppressionWords(reason)}`
      return `skipped: ${SKIP_WORDS[reason] ?? (reason || "no reason given")}`
    }
    case "failed":
      return reason ? `failed: ${reason}` : "failed"
    default:
      return completedWords(run)
  }
}

type EndedEnrollment = {
  status: EnrollmentStatus | string
  end_reason: string | null
  conversion_order_id?: string | null
  conversion_order_display_id?: number | null
  conversion_amount?: number | null
  conversion_currency_code?: string | null
}

/**
 * Why an enrollment ended: "converted: order #1043, €82.50", "exited at
 * \"Leave\"", "exited: unsubscribed". Null while it is still in the flow.
 */
export const describeEnrollmentEnd = (
  enrollment: EndedEnrollment,
  definition?: Partial<FlowDefinition>
): string | null => {
  const reason = enrollment.end_reason ?? ""
  switch (enrollment.status) {
    case "active":
      return null
    case "converted": {
      const parts: string[] = []
      if (enrollment.conversion_order_display_id != null) parts.push(`order #${enrollment.conversion_order_display_id}`)
      else if (enrollment.conversion_order_id) parts.push("an order")
      const amount = formatAmount(enrollment.conversion_amount, enrollment.conversion_currency_code)
      if (amount) parts.push(amount)
      return parts.length ? `converted: ${parts.join(", ")}` : "converted: reached the goal"
    }
    case "completed":
      return reason === "end of flow" || !reason ? "completed: reached the end of the flow" : `completed: ${reason}`
    case "exited": {
      const step = /^exit step (.+)$/.exec(reason)
      if (step) return `exited at ${stepLabelIn(definition, step[1])}`
      const words: Record<string, string> = {
        "exit condition": "an exit condition was met",
        archived: "the flow was archived",
        suppressed: "can no longer be emailed",
        "enrollment rolled back": "the enrollment was rolled back",
      }
      return `exited: ${words[reason] ?? (reason || "no reason given")}`
    }
    default:
      return reason ? `${enrollmentStatusLabel(enrollment.status).toLowerCase()}: ${reason}` : enrollmentStatusLabel(enrollment.status)
  }
}

/**
 * A `datetime-local` value (the admin's own clock, no zone) as the ISO time
 * to enroll at; it must be later than `now`.
 */
export const scheduleTime = (local: string, now: Date): { at: string } | { error: string } => {
  if (!local.trim()) return { error: "Pick a date and time" }
  // Without an offset, a date-time string is read in the browser's zone.
  const date = new Date(local)
  if (Number.isNaN(date.getTime())) return { error: "Not a date and time" }
  if (date.getTime() <= now.getTime()) return { error: "Pick a time later than now" }
  return { at: date.toISOString() }
}

const contacts = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "contact" : "contacts"}`

/**
 * What enrolling a segment will do, before it is confirmed: the count (the
 * segment's members now) and the button's words.
 */
export const segmentEnrollmentWords = (memberCount: number, at?: string) =>
  at
    ? {
        count: `${contacts(memberCount)} in the segment now; its members at ${formatDateTime(at)} will be enrolled.`,
        action: `Schedule for ${formatDateTime(at)}`,
      }
    : {
        count: `${contacts(memberCount)} will be enrolled now.`,
        action: memberCount ? `Enroll ${contacts(memberCount)}` : "Enroll",
      }

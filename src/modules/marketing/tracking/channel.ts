import { classifyChannel, type ChannelRule } from "../reports/channels"
import type { SqlRunner } from "../sql-runner"
import type { ContactProfilePatch, PreparedEvent } from "./types"

/** How long an instance reuses the owner's channel mappings before reading them again. */
const MAPPINGS_TTL_MS = 30_000
let cached: { at: number; mappings: ChannelRule[] } | null = null

/**
 * The owner's channel mappings, read at most every 30 s per instance so
 * ingest adds no query per batch. A mapping change clears this instance's copy
 * (`forgetChannelMappings`) and re-classifies the stored contacts; other
 * instances pick it up within the TTL.
 */
export async function channelMappings(em: SqlRunner, nowMs = Date.now()): Promise<ChannelRule[]> {
  if (cached && nowMs - cached.at < MAPPINGS_TTL_MS) return cached.mappings
  const [row] = await em.execute(
    `SELECT channel_mappings FROM marketing_report_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`
  )
  const mappings = Array.isArray(row?.channel_mappings) ? (row.channel_mappings as ChannelRule[]) : []
  cached = { at: nowMs, mappings }
  return mappings
}

export function forgetChannelMappings(): void {
  cached = null
}

/**
 * An event's channel (set when it carries a touch) and the profile patch with
 * the contact's channels: the touch's channel is the latest, and the first
 * visit's channel (direct when it has no touch) fills `first_channel` if the
 * contact has none yet.
 */
export function withChannel(
  event: PreparedEvent,
  mappings: readonly ChannelRule[]
): { channel: string | null; profile: ContactProfilePatch } {
  if (!event.touch && !event.visit) return { channel: null, profile: event.profile }
  const channel = event.touch ? classifyChannel(event.touch, mappings) : null
  return {
    channel,
    profile: {
      ...event.profile,
      first_channel: channel ?? "direct",
      ...(channel ? { last_channel: channel } : {}),
    },
  }
}

/**
 * What an owner can do with a flow in each status, as the server allows it
 * (`loadFlowStep`'s `allowed` in `src/workflows/flows/workflows/flows.ts`),
 * and how the pages word it. Pure, unit tested.
 */
import type { FlowStatus } from "./types"

export type FlowAction = "publish" | "pause" | "resume" | "archive" | "duplicate"

const ALLOWED: Record<FlowAction, FlowStatus[]> = {
  // The server also republishes active and paused flows, but their edits
  // are published on save: the pages offer it for drafts.
  publish: ["draft"],
  pause: ["active"],
  resume: ["paused"],
  archive: ["draft", "active", "paused"],
  duplicate: ["draft", "active", "paused", "archived"],
}

/** In menu order. */
export const FLOW_ACTIONS: FlowAction[] = ["publish", "pause", "resume", "duplicate", "archive"]

export const canRunFlowAction = (status: FlowStatus, action: FlowAction) =>
  ALLOWED[action].includes(status)

export const flowActionsFor = (status: FlowStatus) =>
  FLOW_ACTIONS.filter((action) => canRunFlowAction(status, action))

/** Only drafts can be deleted; published flows are archived. */
export const canDeleteFlow = (status: FlowStatus) => status === "draft"

type Copy = {
  label: string
  /** The toast after it worked. */
  done: (name: string) => string
  /** Asked first when set. */
  confirm?: { title: (name: string) => string; description: string; action: string }
}

export const FLOW_ACTION_COPY: Record<FlowAction, Copy> = {
  publish: {
    label: "Publish",
    done: (name) => `"${name}" is live`,
    confirm: {
      title: (name) => `Publish "${name}"?`,
      description: "From now on its trigger enrolls contacts and they get its emails. Later edits publish a new version.",
      action: "Publish",
    },
  },
  pause: {
    label: "Pause",
    done: (name) => `"${name}" was paused`,
    confirm: {
      title: (name) => `Pause "${name}"?`,
      description: "Nobody new enters, and contacts in the flow wait where they are until you resume it.",
      action: "Pause",
    },
  },
  resume: { label: "Resume", done: (name) => `"${name}" is running again` },
  duplicate: { label: "Duplicate", done: (name) => `"${name}" was copied into a draft` },
  archive: {
    label: "Archive",
    done: (name) => `"${name}" was archived`,
    confirm: {
      title: (name) => `Archive "${name}"?`,
      description: "It stops for good: every contact still in it leaves the flow. Its numbers stay. This cannot be undone.",
      action: "Archive",
    },
  },
}

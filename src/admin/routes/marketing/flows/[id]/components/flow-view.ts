import { useMemo } from "react"
import { useSearchParams } from "react-router-dom"
import type { Flow, FlowDefinition, FlowVersion } from "../../../../../lib/types"

/** What the canvas shows: the flow as it is now, or one published version (read-only). */
export type FlowView =
  | { kind: "current"; definition: FlowDefinition; statsVersionId?: string; readOnly: false }
  | { kind: "version"; version: FlowVersion; definition: FlowDefinition; statsVersionId: string; readOnly: true }

/** The view picked in the URL (`?version=2`); the current flow without one, or when that version is unknown. */
export const useFlowView = (flow: Flow, versions: FlowVersion[] | undefined) => {
  const [params, setParams] = useSearchParams()
  const picked = params.get("version")
  const view = useMemo<FlowView>(() => {
    const version = picked ? versions?.find((v) => String(v.version) === picked) : undefined
    return version
      ? { kind: "version", version, definition: version.definition, statsVersionId: version.id, readOnly: true }
      : { kind: "current", definition: flow.definition, statsVersionId: flow.active_version_id ?? undefined, readOnly: false }
  }, [picked, versions, flow])
  const pick = (value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        value === "current" ? next.delete("version") : next.set("version", value)
        return next
      },
      { replace: true }
    )
  return { view, picked: view.kind === "version" ? String(view.version.version) : "current", pick }
}

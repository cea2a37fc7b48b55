import { useMemo } from "react"
import { useSegments } from "../../../../../hooks/api/segments"
import { useTemplates } from "../../../../../hooks/api/templates"
import type { NameLookup } from "../../../../../lib/flows"

/** Template and segment names for the canvas's sentences (ids stay as words like "a template" until loaded). */
export const useFlowNames = (): NameLookup => {
  const { templates } = useTemplates({ limit: 200 })
  const { segments } = useSegments({ limit: 200 })
  return useMemo(() => {
    const template = new Map((templates ?? []).map((t) => [t.id, t.name]))
    const segment = new Map((segments ?? []).map((s) => [s.id, s.name]))
    return { template: (id) => template.get(id), segment: (id) => segment.get(id) }
  }, [templates, segments])
}

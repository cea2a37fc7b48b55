import { Check, Plus } from "@medusajs/icons"
import { Button, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { SectionStates } from "../../../../components/section-states"
import { SideDrawer } from "../../../../components/side-drawer"
import {
  useAddBuiltInSegment,
  useBuiltInSegments,
} from "../../../../hooks/api/segments"
import { getBuiltInGroupLabel } from "../../../../lib/segments"
import type { BuiltInSegment } from "../../../../lib/types"

/** Ready-made segments the owner can add with one click, by theme. */
export const BuiltInSegmentsDrawer = ({ onClose }: { onClose: () => void }) => {
  const query = useBuiltInSegments()
  const { built_ins } = query
  const [adding, setAdding] = useState<string | null>(null)
  const add = useAddBuiltInSegment({
    onSuccess: ({ segment }) =>
      toast.success(`"${segment.name}" was added`, {
        description: "Its members are being computed.",
      }),
    onError: (err) =>
      toast.error("The segment could not be added", { description: err.message }),
    onSettled: () => setAdding(null),
  })

  const groups = useMemo(() => {
    const byGroup = new Map<string, BuiltInSegment[]>()
    for (const builtIn of built_ins ?? []) {
      const list = byGroup.get(builtIn.group) ?? []
      list.push(builtIn)
      byGroup.set(builtIn.group, list)
    }
    return [...byGroup.entries()]
  }, [built_ins])

  return (
    <SideDrawer
      title="Add a built-in segment"
      description="Common audiences, ready to use. Once added, a segment can be edited like any other."
      testId="segment-built-ins"
      onClose={onClose}
      closeLabel="Close"
      bodyClassName="flex flex-col gap-y-6 overflow-y-auto"
    >
      <SectionStates
        {...query}
        what="built-in segments"
        isEmpty={!groups.length}
        empty="There are no built-in segments."
        skeleton={[200, 250, 160]}
        density="inline"
      >
        {groups.map(([group, items]) => (
          <section key={group} className="flex flex-col gap-y-2">
            <Text size="small" leading="compact" weight="plus" className="text-ui-fg-subtle">
              {getBuiltInGroupLabel(group)}
            </Text>
            <ul className="shadow-elevation-card-rest bg-ui-bg-component divide-y rounded-lg">
              {items.map((builtIn) => (
                <li
                  key={builtIn.key}
                  className="flex items-start justify-between gap-x-4 px-4 py-3"
                  data-testid="segment-built-in-item"
                  data-key={builtIn.key}
                  data-added={builtIn.added || undefined}
                >
                  <div className="flex min-w-0 flex-col">
                    <Text size="small" leading="compact" weight="plus">
                      {builtIn.name}
                    </Text>
                    <Text size="small" leading="compact" className="text-ui-fg-subtle">
                      {builtIn.description}
                    </Text>
                  </div>
                  {builtIn.added ? (
                    builtIn.segment_id ? (
                      <Button size="small" variant="transparent" asChild>
                        <Link to={`/marketing/segments/${builtIn.segment_id}`}>
                          <Check />
                          Added
                        </Link>
                      </Button>
                    ) : (
                      <Button size="small" variant="transparent" disabled>
                        <Check />
                        Added
                      </Button>
                    )
                  ) : (
                    <Button
                      size="small"
                      variant="secondary"
                      isLoading={adding === builtIn.key}
                      disabled={adding !== null}
                      onClick={() => {
                        setAdding(builtIn.key)
                        add.mutate(builtIn.key)
                      }}
                      data-testid="segment-built-in-add"
                    >
                      <Plus />
                      Add
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </SectionStates>
    </SideDrawer>
  )
}

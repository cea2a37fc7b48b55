import { Check, Plus } from "@medusajs/icons"
import { Button, Drawer, Heading, Skeleton, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import {
  useAddBuiltInSegment,
  useBuiltInSegments,
} from "../../../../hooks/api/segments"
import { getBuiltInGroupLabel } from "../../../../lib/segments"
import type { BuiltInSegment } from "../../../../lib/types"

/** Ready-made segments the owner can add with one click, by theme. */
export const BuiltInSegmentsDrawer = ({ onClose }: { onClose: () => void }) => {
  const { built_ins, isPending, isError, error } = useBuiltInSegments()
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
    <Drawer
      open
      onOpenChange={(open) => {
        if (!open) {
          onClose()
        }
      }}
    >
      <Drawer.Content data-testid="segment-built-ins">
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading>Add a built-in segment</Heading>
          </Drawer.Title>
          <Drawer.Description>
            <span className="txt-small text-ui-fg-subtle">
              Common audiences, ready to use. Once added, a segment can be
              edited like any other.
            </span>
          </Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {isPending ? (
            <div className="flex flex-col gap-y-2">
              <Skeleton className="h-4 w-[200px]" />
              <Skeleton className="h-4 w-[250px]" />
              <Skeleton className="h-4 w-[160px]" />
            </div>
          ) : isError ? (
            <Text size="small" leading="compact" className="text-ui-fg-error">
              The built-in segments could not be loaded
              {error?.message ? `: ${error.message}` : "."}
            </Text>
          ) : !groups.length ? (
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              There are no built-in segments.
            </Text>
          ) : (
            groups.map(([group, items]) => (
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
            ))
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Close
            </Button>
          </Drawer.Close>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

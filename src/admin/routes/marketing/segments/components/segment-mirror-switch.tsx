import { Switch, toast } from "@medusajs/ui"
import { useState } from "react"
import { useUpdateSegment } from "../../../../hooks/api/segments"
import type { Segment } from "../../../../lib/types"

/**
 * Mirrors a segment to a Medusa customer group, or stops. The switch moves
 * at once and goes back if the server refuses.
 */
export const SegmentMirrorSwitch = ({
  segment,
  id,
}: {
  segment: Segment
  /** For a label next to the switch. */
  id?: string
}) => {
  const [pending, setPending] = useState<boolean | null>(null)
  const { mutate } = useUpdateSegment(segment.id, {
    onSuccess: ({ segment: saved }) =>
      toast.success(
        saved.mirror_to_customer_group
          ? `"${saved.name}" is mirrored to a customer group`
          : `"${saved.name}" is no longer mirrored`
      ),
    onError: (error) =>
      toast.error(`"${segment.name}" could not be updated`, {
        description: error.message,
      }),
    onSettled: () => setPending(null),
  })

  const checked = pending ?? segment.mirror_to_customer_group

  return (
    <Switch
      id={id}
      size="small"
      checked={checked}
      disabled={pending !== null}
      aria-label={
        checked
          ? `Stop mirroring ${segment.name} to a customer group`
          : `Mirror ${segment.name} to a customer group`
      }
      data-testid="segment-mirror"
      onClick={(event) => event.stopPropagation()}
      onCheckedChange={(mirror) => {
        setPending(mirror)
        mutate({ mirror_to_customer_group: mirror })
      }}
    />
  )
}

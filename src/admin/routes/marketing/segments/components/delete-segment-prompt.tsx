import { DeletePrompt } from "../../../../components/delete-prompt"
import { useDeleteSegment } from "../../../../hooks/api/segments"
import type { Segment } from "../../../../lib/types"

/** Asks before deleting a segment (and its mirrored customer group). */
export const DeleteSegmentPrompt = ({
  segment,
  onClose,
  onDeleted,
}: {
  segment: Pick<Segment, "id" | "name" | "mirror_to_customer_group">
  onClose: () => void
  onDeleted?: () => void
}) => {
  const mutation = useDeleteSegment(segment.id)

  return (
    <DeletePrompt
      name={segment.name}
      testId="segment-delete"
      mutation={mutation}
      onClose={onClose}
      onDeleted={onDeleted}
    >
      {segment.mirror_to_customer_group
        ? "Its members and its mirrored customer group go with it. "
        : "Its members go with it. "}
      Segments that use it in their conditions stop matching through it. This
      cannot be undone.
    </DeletePrompt>
  )
}

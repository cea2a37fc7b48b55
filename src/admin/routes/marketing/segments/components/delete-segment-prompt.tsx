import { Prompt, toast } from "@medusajs/ui"
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
  const { mutate, isPending } = useDeleteSegment(segment.id, {
    onSuccess: () => {
      toast.success(`"${segment.name}" was deleted`)
      onClose()
      onDeleted?.()
    },
    onError: (error) =>
      toast.error(`"${segment.name}" could not be deleted`, {
        description: error.message,
      }),
  })

  return (
    <Prompt
      open
      variant="danger"
      onOpenChange={(open) => {
        if (!open && !isPending) {
          onClose()
        }
      }}
    >
      <Prompt.Content data-testid="segment-delete">
        <Prompt.Header>
          <Prompt.Title>Delete "{segment.name}"?</Prompt.Title>
          <Prompt.Description>
            {segment.mirror_to_customer_group
              ? "Its members and its mirrored customer group go with it. "
              : "Its members go with it. "}
            Segments that use it in their conditions stop matching through it.
            This cannot be undone.
          </Prompt.Description>
        </Prompt.Header>
        <Prompt.Footer>
          <Prompt.Cancel disabled={isPending}>Cancel</Prompt.Cancel>
          <Prompt.Action
            disabled={isPending}
            onClick={(event) => {
              // Keep the prompt open until the server answers.
              event.preventDefault()
              mutate()
            }}
          >
            Delete
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

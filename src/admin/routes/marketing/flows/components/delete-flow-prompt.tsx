import { DeletePrompt } from "../../../../components/delete-prompt"
import { useDeleteFlow } from "../../../../hooks/api/flows"
import type { Flow } from "../../../../lib/types"

/** Asks before deleting a draft (published flows are archived instead). */
export const DeleteFlowPrompt = ({
  flow,
  onClose,
  onDeleted,
}: {
  flow: Pick<Flow, "id" | "name">
  onClose: () => void
  onDeleted?: () => void
}) => {
  const mutation = useDeleteFlow(flow.id)

  return (
    <DeletePrompt
      name={flow.name}
      testId="flow-delete"
      mutation={mutation}
      onClose={onClose}
      onDeleted={onDeleted}
    >
      The draft was never published, so no contact is in it. This cannot be undone.
    </DeletePrompt>
  )
}

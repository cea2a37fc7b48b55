import { DeletePrompt } from "../../../../components/delete-prompt"
import { useDeleteForm } from "../../../../hooks/api/forms"
import type { MarketingForm } from "../../../../lib/forms"

/** Asks before deleting a form. */
export const DeleteFormPrompt = ({
  form,
  onClose,
  onDeleted,
}: {
  form: Pick<MarketingForm, "id" | "name">
  onClose: () => void
  onDeleted?: () => void
}) => (
  <DeletePrompt
    name={form.name}
    testId="form-delete"
    mutation={useDeleteForm(form.id)}
    onClose={onClose}
    onDeleted={onDeleted}
  >
    The form disappears from the storefront. The contacts it brought stay. This cannot be undone.
  </DeletePrompt>
)

import { DeletePrompt } from "../../../../components/delete-prompt"
import { useDeleteTemplate } from "../../../../hooks/api/templates"
import type { EmailTemplate } from "../../../../lib/types"

/** Asks before deleting a template. */
export const DeleteTemplatePrompt = ({
  template,
  onClose,
  onDeleted,
}: {
  template: Pick<EmailTemplate, "id" | "name" | "starter_key">
  onClose: () => void
  onDeleted?: () => void
}) => {
  const mutation = useDeleteTemplate(template.id)

  return (
    <DeletePrompt
      name={template.name}
      testId="template-delete"
      mutation={mutation}
      onClose={onClose}
      onDeleted={onDeleted}
    >
      Emails already sent are kept, but nothing can be sent with this template
      any more.
      {template.starter_key
        ? " You can add the starter again from \"Add starter templates\"."
        : " This cannot be undone."}
    </DeletePrompt>
  )
}

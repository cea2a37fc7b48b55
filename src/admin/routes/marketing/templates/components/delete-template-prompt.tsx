import { Prompt, toast } from "@medusajs/ui"
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
  const { mutate, isPending } = useDeleteTemplate(template.id, {
    onSuccess: () => {
      toast.success(`"${template.name}" was deleted`)
      onClose()
      onDeleted?.()
    },
    onError: (error) =>
      toast.error(`"${template.name}" could not be deleted`, {
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
      <Prompt.Content data-testid="template-delete">
        <Prompt.Header>
          <Prompt.Title>Delete "{template.name}"?</Prompt.Title>
          <Prompt.Description>
            Emails already sent are kept, but nothing can be sent with this
            template any more.
            {template.starter_key
              ? " You can add the starter again from \"Add starter templates\"."
              : " This cannot be undone."}
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

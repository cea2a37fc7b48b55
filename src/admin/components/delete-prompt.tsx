import type { ReactNode } from "react"
import { Prompt, toast } from "@medusajs/ui"

type DeleteMutation = {
  mutate: (
    variables: void,
    callbacks: { onSuccess: () => void; onError: (error: Error) => void }
  ) => void
  isPending: boolean
}

/**
 * Asks before deleting something named `name`, runs `mutation` on "Delete"
 * and keeps the prompt open until the server answers; toasts the outcome.
 */
export const DeletePrompt = ({
  name,
  testId,
  mutation,
  onClose,
  onDeleted,
  children,
}: {
  name: string
  testId: string
  mutation: DeleteMutation
  onClose: () => void
  onDeleted?: () => void
  /** What deleting it does. */
  children: ReactNode
}) => {
  const { mutate, isPending } = mutation

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
      <Prompt.Content data-testid={testId}>
        <Prompt.Header>
          <Prompt.Title>Delete "{name}"?</Prompt.Title>
          <Prompt.Description>{children}</Prompt.Description>
        </Prompt.Header>
        <Prompt.Footer>
          <Prompt.Cancel disabled={isPending}>Cancel</Prompt.Cancel>
          <Prompt.Action
            disabled={isPending}
            onClick={(event) => {
              // Keep the prompt open until the server answers.
              event.preventDefault()
              mutate(undefined, {
                onSuccess: () => {
                  toast.success(`"${name}" was deleted`)
                  onClose()
                  onDeleted?.()
                },
                onError: (error) =>
                  toast.error(`"${name}" could not be deleted`, {
                    description: error.message,
                  }),
              })
            }}
          >
            Delete
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

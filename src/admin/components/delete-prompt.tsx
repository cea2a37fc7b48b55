import type { ReactNode } from "react"
import { toast } from "@medusajs/ui"
import { ConfirmPrompt } from "./confirm-prompt"

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
    <ConfirmPrompt
      title={`Delete "${name}"?`}
      description={children}
      actionLabel="Delete"
      testId={testId}
      isPending={isPending}
      onClose={onClose}
      onConfirm={() =>
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
      }
    />
  )
}

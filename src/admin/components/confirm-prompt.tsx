import { Prompt } from "@medusajs/ui"
import type { ReactNode } from "react"

/** `onOpenChange` of a modal that cannot be closed while `busy`. */
export const closeUnlessBusy =
  (busy: boolean, onClose: () => void) => (open: boolean) => {
    if (!open && !busy) {
      onClose()
    }
  }

/**
 * Asks before something that cannot be undone; stays open (and cannot be
 * dismissed) until the server answers.
 */
export const ConfirmPrompt = ({
  title,
  description,
  actionLabel,
  testId,
  isPending,
  onConfirm,
  onClose,
  children,
}: {
  title: ReactNode
  description: ReactNode
  actionLabel: string
  testId: string
  isPending: boolean
  onConfirm: () => void
  onClose: () => void
  /** Options under the description. */
  children?: ReactNode
}) => (
  <Prompt
    open
    variant="danger"
    onOpenChange={closeUnlessBusy(isPending, onClose)}
  >
    <Prompt.Content data-testid={testId}>
      <Prompt.Header>
        <Prompt.Title>{title}</Prompt.Title>
        <Prompt.Description>{description}</Prompt.Description>
      </Prompt.Header>
      {children}
      <Prompt.Footer>
        <Prompt.Cancel disabled={isPending}>Cancel</Prompt.Cancel>
        <Prompt.Action
          disabled={isPending}
          onClick={(event) => {
            // Keep the prompt open until the server answers.
            event.preventDefault()
            onConfirm()
          }}
        >
          {actionLabel}
        </Prompt.Action>
      </Prompt.Footer>
    </Prompt.Content>
  </Prompt>
)

import { Button, Drawer, Heading } from "@medusajs/ui"
import type { FormEvent, ReactNode } from "react"
import { closeUnlessBusy } from "./confirm-prompt"

type SubmitAction = {
  label: ReactNode
  testId: string
  disabled?: boolean
  onSubmit: () => void
}

type SideDrawerProps = {
  title: string
  description: ReactNode
  testId: string
  onClose: () => void
  /** While the drawer's action runs it cannot be closed. */
  isBusy?: boolean
  /** "Close" when the drawer has no action of its own. */
  closeLabel?: string
  /** The drawer's action button, right of the close button. */
  action?: ReactNode
  /** Makes the drawer a form (its action a submit button). */
  onSubmit?: (event: FormEvent) => void
  /**
   * Makes the drawer a form whose action is this submit button (loading while
   * `isBusy`); the browser's own submit is prevented. Instead of `onSubmit` and `action`.
   */
  submit?: SubmitAction
  bodyClassName?: string
  /** Wider than the default 560 px, for editors with rows of inputs (px). */
  maxWidth?: number
  children: ReactNode
}

/** A drawer from the right: title, description, body, Cancel and its action. */
export const SideDrawer = ({
  title,
  description,
  testId,
  onClose,
  isBusy = false,
  closeLabel = "Cancel",
  action,
  onSubmit,
  submit,
  bodyClassName = "flex flex-col gap-y-4 overflow-y-auto",
  maxWidth,
  children,
}: SideDrawerProps) => {
  const content = (
    <>
      <Drawer.Header>
        <Drawer.Title asChild>
          <Heading>{title}</Heading>
        </Drawer.Title>
        <Drawer.Description>
          <span className="txt-small text-ui-fg-subtle">{description}</span>
        </Drawer.Description>
      </Drawer.Header>
      <Drawer.Body className={bodyClassName}>{children}</Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button type="button" size="small" variant="secondary" disabled={isBusy}>
            {closeLabel}
          </Button>
        </Drawer.Close>
        {submit ? (
          <Button size="small" type="submit" isLoading={isBusy} disabled={submit.disabled} data-testid={submit.testId}>
            {submit.label}
          </Button>
        ) : (
          action
        )}
      </Drawer.Footer>
    </>
  )

  const handleSubmit = submit
    ? (event: FormEvent) => {
        event.preventDefault()
        submit.onSubmit()
      }
    : onSubmit

  return (
    <Drawer
      open
      onOpenChange={closeUnlessBusy(isBusy, onClose)}
    >
      {/* Inline: the dashboard's CSS has no wider sm:max-w class to use. */}
      <Drawer.Content data-testid={testId} style={maxWidth ? { maxWidth } : undefined}>
        {handleSubmit ? (
          <form className="flex h-full flex-col" onSubmit={handleSubmit} noValidate>
            {content}
          </form>
        ) : (
          content
        )}
      </Drawer.Content>
    </Drawer>
  )
}

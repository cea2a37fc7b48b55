import { Alert, Button, FocusModal, Heading, Label, Switch, Text } from "@medusajs/ui"
import { useId, type FormEvent, type ReactNode } from "react"
import { closeUnlessBusy } from "./confirm-prompt"

type EditorModalProps = {
  /** What is edited, e.g. "scoring rule": titles "Edit scoring rule" or
   * "Create scoring rule", test ids "scoring-rule-editor", "-editor-error", "-save". */
  noun: string
  description: string
  isEdit: boolean
  isSaving: boolean
  /** The server's answer to the last save, above the fields. */
  serverError: string | null
  onSubmit: (event: FormEvent) => void
  onClose: () => void
  /** Left of the footer's buttons (e.g. a live count). */
  status?: ReactNode
  children: ReactNode
}

/**
 * The full-screen editor of a record: title, the server's error, the fields,
 * and Cancel / Save. It cannot be closed while saving.
 */
export const EditorModal = ({
  noun,
  description,
  isEdit,
  isSaving,
  serverError,
  onSubmit,
  onClose,
  status,
  children,
}: EditorModalProps) => {
  const testId = noun.replace(/ /g, "-")
  return (
    <FocusModal
      open
      onOpenChange={closeUnlessBusy(isSaving, onClose)}
    >
      <FocusModal.Content data-testid={`${testId}-editor`}>
        <form
          className="flex h-full flex-col overflow-hidden"
          onSubmit={onSubmit}
          noValidate
        >
          <FocusModal.Header />
          <FocusModal.Body className="flex flex-col items-center overflow-y-auto py-16">
            <div className="flex w-full max-w-[720px] flex-col gap-y-8 px-6">
              <div className="flex flex-col gap-y-1">
                <FocusModal.Title asChild>
                  <Heading>{`${isEdit ? "Edit" : "Create"} ${noun}`}</Heading>
                </FocusModal.Title>
                <FocusModal.Description asChild>
                  <Text size="small" className="text-ui-fg-subtle">
                    {description}
                  </Text>
                </FocusModal.Description>
              </div>
              {serverError ? (
                <Alert variant="error" dismissible data-testid={`${testId}-editor-error`}>
                  {serverError}
                </Alert>
              ) : null}
              {children}
            </div>
          </FocusModal.Body>
          <FocusModal.Footer>
            <div className="min-w-0 flex-1">{status}</div>
            <FocusModal.Close asChild>
              <Button type="button" size="small" variant="secondary" disabled={isSaving}>
                Cancel
              </Button>
            </FocusModal.Close>
            <Button
              type="submit"
              size="small"
              isLoading={isSaving}
              data-testid={`${testId}-save`}
            >
              {isEdit ? "Save" : "Create"}
            </Button>
          </FocusModal.Footer>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}

/** A titled group of fields inside an editor. */
export const EditorSection = ({
  title,
  description,
  children,
}: {
  title: string
  description: ReactNode
  children: ReactNode
}) => (
  <div className="flex flex-col gap-y-4">
    <div className="flex flex-col">
      <Heading level="h3">{title}</Heading>
      <Text size="small" leading="compact" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
    {children}
  </div>
)

/** A switch or checkbox on a card, with its label and what it does. */
export const ToggleCard = ({
  id,
  label,
  description,
  control,
}: {
  id: string
  label: string
  description: ReactNode
  /** The Switch or Checkbox, with `id`. */
  control: ReactNode
}) => (
  <div className="shadow-elevation-card-rest bg-ui-bg-component flex items-start gap-x-3 rounded-lg p-3">
    {control}
    <div className="flex flex-col">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
      </Label>
      <Text size="small" leading="compact" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
  </div>
)

/** A `ToggleCard` with a Switch: on or off, with its label and what it does. */
export const SwitchCard = ({
  label,
  description,
  checked,
  onCheckedChange,
  testId,
}: {
  label: string
  description: ReactNode
  checked: boolean
  onCheckedChange: (checked: boolean) => void
  testId?: string
}) => {
  const id = useId()
  return (
    <ToggleCard
      id={id}
      label={label}
      description={description}
      control={<Switch id={id} checked={checked} onCheckedChange={onCheckedChange} data-testid={testId} />}
    />
  )
}

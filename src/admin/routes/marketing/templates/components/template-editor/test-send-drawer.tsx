import { FetchError } from "@medusajs/js-sdk"
import { Alert, Button, Input, toast } from "@medusajs/ui"
import { useEffect, useId, useState } from "react"
import { FormField } from "../../../../../components/form-field"
import { SideDrawer } from "../../../../../components/side-drawer"
import {
  useCurrentUserEmail,
  useTestSendTemplate,
} from "../../../../../hooks/api/templates"
import { looksLikeEmail } from "../../../../../lib/templates"
import type { TestSendResponse } from "../../../../../lib/types"

/**
 * Sends the saved template to one address, rendered for the contact the
 * preview uses (or the sample contact).
 */
export const TestSendDrawer = ({
  templateId,
  contactId,
  dirty,
  onClose,
}: {
  templateId: string
  contactId: string | null
  /** The editor has unsaved changes, which the test email will not include. */
  dirty: boolean
  onClose: () => void
}) => {
  const inputId = useId()
  const me = useCurrentUserEmail()
  const [to, setTo] = useState("")
  const [touched, setTouched] = useState(false)
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  // Start with the admin's own address once it is known.
  useEffect(() => {
    if (me.email && !touched && !to) {
      setTo(me.email)
    }
  }, [me.email, touched, to])

  const send = useTestSendTemplate(templateId, {
    onSuccess: ({ message }: TestSendResponse) => {
      const email = message?.email ?? to.trim()
      if (message?.status === "failed") {
        setFailure(message.error || "The email could not be sent.")
        return
      }
      if (message?.status && message.status !== "sent") {
        toast.info(`Test email to ${email} is ${message.status}`, {
          description: message.error ?? undefined,
        })
      } else {
        toast.success(`Sent to ${email}`)
      }
      onClose()
    },
    onError: (error: FetchError) => {
      const message = (error.message || "").replace(/^Invalid request:\s*/, "")
      // A bad address is a 400 that names `to`.
      if (error.status === 400 && /\bto\b/.test(message)) {
        setFieldError(message.replace(/^to:\s*/, ""))
        return
      }
      setFailure(
        error.status === 404
          ? "Test sends are not available on this server yet."
          : message || "The email could not be sent."
      )
    },
  })

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    setFailure(null)
    const address = to.trim()
    if (!looksLikeEmail(address)) {
      setFieldError("Enter an email address")
      return
    }
    setFieldError(null)
    send.mutate({ to: address, ...(contactId ? { contact_id: contactId } : {}) })
  }

  return (
    <SideDrawer
      title="Send a test email"
      description={
        contactId
          ? "The saved template, rendered for the contact the preview uses."
          : "The saved template, rendered with the sample contact."
      }
      testId="template-test-send"
      onClose={onClose}
      isBusy={send.isPending}
      onSubmit={submit}
      action={
        <Button
          type="submit"
          size="small"
          isLoading={send.isPending}
          data-testid="template-test-send-submit"
        >
          Send
        </Button>
      }
    >
      {dirty ? (
        <Alert variant="warning">
          The test email uses the saved template: save first to include
          your latest changes.
        </Alert>
      ) : null}
      <FormField id={inputId} label="Send to" error={fieldError}>
        <Input
          id={inputId}
          type="email"
          value={to}
          autoFocus
          placeholder="you@example.com"
          aria-invalid={!!fieldError}
          onChange={(event) => {
            setTouched(true)
            setTo(event.target.value)
            setFieldError(null)
          }}
          data-testid="template-test-send-to"
        />
      </FormField>
      {failure ? (
        <Alert variant="error" data-testid="template-test-send-error">
          {failure}
        </Alert>
      ) : null}
    </SideDrawer>
  )
}

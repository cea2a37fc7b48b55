import { FetchError } from "@medusajs/js-sdk"
import { Alert, Container, Heading, Input, Text, toast } from "@medusajs/ui"
import { useId, useState } from "react"
import { useNavigate } from "react-router-dom"
import { FormField } from "../../../../../components/form-field"
import {
  useCreateTemplate,
  useUpdateTemplate,
} from "../../../../../hooks/api/templates"
import {
  draftToFields,
  isDraftDirty,
  parseTemplateErrors,
  templateToDraft,
  type TemplateDraft,
  type TemplateFieldError,
} from "../../../../../lib/templates"
import type { EmailTemplate, TemplateResponse } from "../../../../../lib/types"
import { DeleteTemplatePrompt } from "../delete-template-prompt"
import { BodyField, LayoutField, PlainTextField } from "./template-fields"
import { TemplateEditorHeader } from "./template-editor-header"
import { TemplateErrors } from "./template-errors"
import { TemplatePreviewPanel, type PreviewView } from "./template-preview-panel"
import { TestSendDrawer } from "./test-send-drawer"
import { errorsFor, useLivePreview } from "./use-live-preview"
import { FIELD_LABELS, useVariableInsertion } from "./use-variable-insertion"
import { VariablePicker } from "./variable-picker"

/**
 * Creates or edits an email template: the fields on one side, the live
 * preview (rendered by the server with the unsaved changes) on the other.
 */
export const TemplateEditor = ({ template }: { template?: EmailTemplate }) => {
  const navigate = useNavigate()
  const ids = { name: useId(), description: useId(), subject: useId() }
  const isEdit = !!template
  const [saved, setSaved] = useState<TemplateDraft>(() => templateToDraft(template))
  const [draft, setDraft] = useState<TemplateDraft>(saved)
  const [submitted, setSubmitted] = useState(false)
  const [saveErrors, setSaveErrors] = useState<TemplateFieldError[]>([])
  const [view, setView] = useState<PreviewView>("desktop")
  const [contactId, setContactId] = useState<string | null>(null)
  const [testSendOpen, setTestSendOpen] = useState(false)
  const [deleting, setDeleting] = useState(false)

  const dirty = !isEdit || isDraftDirty(draft, saved)

  const update = <K extends keyof TemplateDraft>(key: K, value: TemplateDraft[K]) => {
    setDraft((prev) => ({ ...prev, [key]: value }))
    setSaveErrors([])
  }
  const { refs, insertTarget, trackProps, insertVariable, goTo } =
    useVariableInsertion(draft, update)

  const { ready, preview, lastGood, previewErrors, generalPreviewError } =
    useLivePreview(draft, contactId)

  // Errors of the last save and of the live preview, by field.
  const errors = saveErrors.length ? saveErrors : previewErrors
  const nameError =
    errorsFor(errors, "name")[0]?.message ??
    (submitted && !draft.name.trim() ? "Give the template a name" : undefined)
  const subjectErrors = errorsFor(errors, "subject")
  const subjectRequired =
    submitted && !draft.subject.trim() ? "Write a subject" : undefined
  const bodyRequired = submitted && !draft.body.trim() ? "Write a body" : undefined

  // Saving

  const onSaved = ({ template: result }: TemplateResponse, submittedDraft: TemplateDraft) => {
    const next = templateToDraft(result)
    setSaved(next)
    // Unless the owner kept typing while it saved.
    setDraft((current) => (isDraftDirty(current, submittedDraft) ? current : next))
    setSubmitted(false)
  }
  const onError = (error: FetchError) => {
    if (error.status === 400) {
      setSaveErrors(parseTemplateErrors(error.message))
    }
    toast.error("The template could not be saved", {
      description:
        error.status === 400
          ? "Fix the errors shown next to the fields."
          : error.message,
    })
  }

  const create = useCreateTemplate({
    onSuccess: (data) => {
      toast.success(`"${data.template.name}" was created`)
      navigate(`/marketing/templates/${data.template.id}`, { replace: true })
    },
    onError,
  })
  const save = useUpdateTemplate(template?.id ?? "", { onError })
  const isSaving = create.isPending || save.isPending

  const handleSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    setSaveErrors([])
    if (!draft.name.trim() || !draft.subject.trim() || !draft.body.trim()) {
      return
    }
    const submittedDraft = draft
    const body = draftToFields(draft)
    if (isEdit) {
      save.mutate(body, {
        onSuccess: (data) => {
          toast.success(`"${data.template.name}" was saved`)
          onSaved(data, submittedDraft)
        },
      })
    } else {
      create.mutate(body)
    }
  }

  const generalSaveErrors = errorsFor(saveErrors, null)

  return (
    <>
      <form
        className="flex w-full flex-col gap-y-3"
        onSubmit={handleSubmit}
        noValidate
        data-testid="template-editor"
        onKeyDown={(event) => {
          // Cmd/Ctrl+S saves, as in a code editor.
          if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "s") {
            event.preventDefault()
            event.currentTarget.requestSubmit()
          }
        }}
      >
        <TemplateEditorHeader
          template={template}
          saved={saved}
          dirty={dirty}
          isSaving={isSaving}
          onTestSend={() => setTestSendOpen(true)}
          onDelete={() => setDeleting(true)}
        />

        <div className="flex flex-col gap-3 xl:flex-row xl:items-start">
          <div className="flex w-full min-w-0 flex-1 flex-col gap-y-3">
            <Container className="divide-y p-0">
              <div className="flex flex-col gap-y-4 px-6 py-4">
                {generalSaveErrors.length ? (
                  <Alert variant="error" dismissible data-testid="template-save-error">
                    {generalSaveErrors.map((error) => error.message).join(" ")}
                  </Alert>
                ) : null}
                <FormField id={ids.name} label="Name" error={nameError}>
                  <Input
                    id={ids.name}
                    value={draft.name}
                    placeholder="Welcome"
                    aria-invalid={!!nameError}
                    onChange={(event) => update("name", event.target.value)}
                    data-testid="template-name"
                  />
                </FormField>
                <FormField id={ids.description} label="Description" optional>
                  <Input
                    id={ids.description}
                    value={draft.description}
                    placeholder="Sent when someone subscribes"
                    onChange={(event) => update("description", event.target.value)}
                  />
                </FormField>
                <LayoutField
                  value={draft.layout}
                  error={errorsFor(errors, "layout")[0]?.message}
                  onChange={(layout) => update("layout", layout)}
                />
              </div>
              <div className="flex flex-col gap-y-4 px-6 py-4">
                <div className="flex items-center justify-between gap-x-4">
                  <div className="flex min-w-0 flex-col">
                    <Heading level="h2">Content</Heading>
                    <Text size="small" leading="compact" className="text-ui-fg-subtle">
                      Handlebars: variables, helpers and partials.
                    </Text>
                  </div>
                  <VariablePicker
                    targetLabel={FIELD_LABELS[insertTarget]}
                    onInsert={insertVariable}
                  />
                </div>
                <FormField
                  id={ids.subject}
                  label="Subject"
                  error={subjectRequired}
                >
                  <Input
                    ref={refs.subject}
                    id={ids.subject}
                    value={draft.subject}
                    placeholder={'Welcome to {{store.name}}, {{default contact.first_name "friend"}}'}
                    className="font-mono"
                    aria-invalid={!!subjectRequired || subjectErrors.length > 0}
                    onChange={(event) => update("subject", event.target.value)}
                    {...trackProps("subject")}
                    data-testid="template-subject"
                  />
                  <TemplateErrors
                    errors={subjectErrors}
                    testId="template-subject-error"
                    onGoTo={(error) => goTo("subject", error)}
                  />
                </FormField>
                <BodyField
                  ref={refs.body}
                  format={draft.format}
                  value={draft.body}
                  required={bodyRequired}
                  onFormatChange={(format, body) =>
                    setDraft((prev) => ({ ...prev, format, body }))
                  }
                  onChange={(value) => update("body", value)}
                  trackProps={trackProps("body")}
                >
                  <TemplateErrors
                    errors={errorsFor(errors, "body")}
                    testId="template-body-error"
                    onGoTo={(error) => goTo("body", error)}
                  />
                </BodyField>
                <PlainTextField
                  ref={refs.text}
                  value={draft.text}
                  onChange={(value) => update("text", value)}
                  trackProps={trackProps("text")}
                >
                  <TemplateErrors
                    errors={errorsFor(errors, "text")}
                    testId="template-text-error"
                    onGoTo={(error) => goTo("text", error)}
                  />
                </PlainTextField>
              </div>
            </Container>
          </div>
          <div className="flex w-full min-w-0 flex-1 flex-col gap-y-3">
            <TemplatePreviewPanel
              ready={ready}
              rendered={preview.isError ? lastGood : preview.preview ?? lastGood}
              isLoading={ready && (preview.isFetching || preview.isDebouncing)}
              invalid={previewErrors.some((error) => error.target !== null)}
              error={generalPreviewError}
              view={view}
              onViewChange={setView}
              contactId={contactId}
              onContactChange={setContactId}
            />
          </div>
        </div>
      </form>

      {testSendOpen && template ? (
        <TestSendDrawer
          templateId={template.id}
          contactId={contactId}
          dirty={dirty}
          onClose={() => setTestSendOpen(false)}
        />
      ) : null}
      {deleting && template ? (
        <DeleteTemplatePrompt
          template={template}
          onClose={() => setDeleting(false)}
          onDeleted={() => navigate("/marketing/templates", { replace: true })}
        />
      ) : null}
    </>
  )
}

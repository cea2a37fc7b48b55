import { EllipsisHorizontal, PaperPlane, Trash } from "@medusajs/icons"
import { FetchError } from "@medusajs/js-sdk"
import {
  Alert,
  Badge,
  Button,
  Container,
  DropdownMenu,
  Heading,
  IconButton,
  Input,
  Text,
  toast,
} from "@medusajs/ui"
import { useEffect, useId, useMemo, useRef, useState } from "react"
import { useNavigate } from "react-router-dom"
import { FormField } from "../../../../../components/form-field"
import {
  useCreateTemplate,
  useTemplatePreview,
  useUpdateTemplate,
} from "../../../../../hooks/api/templates"
import {
  draftToFields,
  insertAt,
  isDraftDirty,
  parseTemplateErrors,
  templateToDraft,
  variableSnippet,
  type TemplateDraft,
  type TemplateFieldError,
} from "../../../../../lib/templates"
import type {
  EmailTemplate,
  TemplatePreviewBody,
  TemplatePreviewResponse,
  TemplateResponse,
} from "../../../../../lib/types"
import { DeleteTemplatePrompt } from "../delete-template-prompt"
import { TemplateLayoutBadge } from "../template-layout-badge"
import { BodyField, LayoutField, PlainTextField } from "./template-fields"
import { TemplatePreviewPanel, type PreviewView } from "./template-preview-panel"
import { TestSendDrawer } from "./test-send-drawer"
import { VariablePicker } from "./variable-picker"

/** The fields a variable can be inserted into. */
export type InsertableField = "subject" | "body" | "text"

const FIELD_LABELS: Record<InsertableField, string> = {
  subject: "the subject",
  body: "the body",
  text: "the plain text",
}

type Selection = { field: InsertableField; start: number | null; end: number | null }

const errorsFor = (errors: TemplateFieldError[], target: TemplateFieldError["target"]) =>
  errors.filter((error) => error.target === target)

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

  const refs = {
    subject: useRef<HTMLInputElement>(null),
    body: useRef<HTMLTextAreaElement>(null),
    text: useRef<HTMLTextAreaElement>(null),
  }
  // Where a variable goes: the field edited last, at its cursor.
  const selection = useRef<Selection>({ field: "body", start: null, end: null })
  const [insertTarget, setInsertTarget] = useState<InsertableField>("body")

  const dirty = !isEdit || isDraftDirty(draft, saved)

  const update = <K extends keyof TemplateDraft>(key: K, value: TemplateDraft[K]) => {
    setDraft((prev) => ({ ...prev, [key]: value }))
    setSaveErrors([])
  }

  // Live preview
  const fields = draftToFields(draft)
  const ready = !!draft.subject.trim() && !!draft.body.trim()
  const previewBody: TemplatePreviewBody | undefined = ready
    ? {
        template: {
          subject: fields.subject,
          html: fields.html,
          mjml: fields.mjml,
          text: fields.text,
          layout: fields.layout,
        },
        ...(contactId ? { contact_id: contactId } : {}),
      }
    : undefined
  const preview = useTemplatePreview(previewBody)

  // Keep the last good render on screen while the template has an error.
  const [lastGood, setLastGood] = useState<TemplatePreviewResponse | undefined>()
  useEffect(() => {
    if (preview.preview && !preview.isError && !preview.isPlaceholderData) {
      setLastGood(preview.preview)
    }
  }, [preview.preview, preview.isError, preview.isPlaceholderData])

  const previewErrors = useMemo<TemplateFieldError[]>(() => {
    if (!ready || !preview.isError || preview.error?.status !== 400) {
      return []
    }
    return parseTemplateErrors(preview.error.message)
  }, [ready, preview.isError, preview.error])

  // Errors of the last save and of the live preview, by field.
  const errors = saveErrors.length ? saveErrors : previewErrors
  const generalPreviewError =
    ready && preview.isError
      ? preview.error?.status === 400
        ? errorsFor(previewErrors, null)
            .map((error) => error.message)
            .join(" ") || null
        : preview.error?.status === 404 && contactId
          ? "This contact does not exist. Pick another one, or preview with the sample contact."
          : preview.error?.message || "The preview could not be rendered."
      : null

  const nameError =
    errorsFor(errors, "name")[0]?.message ??
    (submitted && !draft.name.trim() ? "Give the template a name" : undefined)
  const subjectErrors = errorsFor(errors, "subject")
  const subjectRequired =
    submitted && !draft.subject.trim() ? "Write a subject" : undefined
  const bodyRequired = submitted && !draft.body.trim() ? "Write a body" : undefined

  // Variables

  const track =
    (field: InsertableField) =>
    (event: React.SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      selection.current = {
        field,
        start: event.currentTarget.selectionStart,
        end: event.currentTarget.selectionEnd,
      }
      if (insertTarget !== field) {
        setInsertTarget(field)
      }
    }
  const trackProps = (field: InsertableField) => ({
    onFocus: track(field),
    onSelect: track(field),
    onKeyUp: track(field),
    onClick: track(field),
  })

  const insertVariable = (path: string) => {
    const { field, start, end } = selection.current
    const current = draft[field]
    const next = insertAt(current, variableSnippet(path), start, end)
    update(field, next.value)
    selection.current = { field, start: next.caret, end: next.caret }
    // After the new value is rendered (and the picker closed).
    window.setTimeout(() => {
      const element = refs[field].current
      if (element) {
        element.focus()
        element.setSelectionRange(next.caret, next.caret)
      }
    }, 0)
  }

  /** Puts the cursor where an error points. */
  const goTo = (field: InsertableField, error: TemplateFieldError) => {
    const element = refs[field].current
    if (!element || error.line === null) {
      return
    }
    const lines = element.value.split("\n")
    const line = Math.min(error.line, lines.length)
    let offset = 0
    for (let index = 0; index < line - 1; index++) {
      offset += lines[index].length + 1
    }
    offset += Math.min(Math.max((error.column ?? 1) - 1, 0), lines[line - 1]?.length ?? 0)
    element.focus()
    element.setSelectionRange(offset, offset)
  }

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
        <Container className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
          <div className="flex min-w-0 flex-col">
            <div className="flex items-center gap-x-2">
              <Heading level="h1" className="truncate">
                {isEdit ? saved.name || "Template" : "Create template"}
              </Heading>
              {template?.starter_key ? (
                <Badge size="2xsmall" color="blue">
                  Starter
                </Badge>
              ) : null}
              {isEdit ? <TemplateLayoutBadge layout={saved.layout} /> : null}
            </div>
            <Text
              size="small"
              leading="compact"
              className="text-ui-fg-subtle"
              data-testid="template-editor-state"
              data-dirty={dirty || undefined}
            >
              {isEdit
                ? dirty
                  ? "Unsaved changes"
                  : "All changes saved"
                : "Subject, body and plain text are Handlebars: insert variables such as {{contact.first_name}}."}
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            {isEdit ? (
              <Button
                type="button"
                size="small"
                variant="secondary"
                onClick={() => setTestSendOpen(true)}
                data-testid="template-test-send-open"
              >
                <PaperPlane />
                Send test
              </Button>
            ) : (
              <Button
                type="button"
                size="small"
                variant="secondary"
                onClick={() => navigate("/marketing/templates")}
              >
                Cancel
              </Button>
            )}
            <Button
              type="submit"
              size="small"
              isLoading={isSaving}
              disabled={isEdit && !dirty}
              data-testid="template-save"
            >
              {isEdit ? "Save" : "Create"}
            </Button>
            {isEdit ? (
              <DropdownMenu>
                <DropdownMenu.Trigger asChild>
                  <IconButton
                    type="button"
                    size="small"
                    variant="transparent"
                    aria-label="Template actions"
                    data-testid="template-actions"
                  >
                    <EllipsisHorizontal />
                  </IconButton>
                </DropdownMenu.Trigger>
                <DropdownMenu.Content align="end">
                  <DropdownMenu.Item className="gap-x-2" onClick={() => setDeleting(true)}>
                    <Trash className="text-ui-fg-subtle" />
                    Delete
                  </DropdownMenu.Item>
                </DropdownMenu.Content>
              </DropdownMenu>
            ) : null}
          </div>
        </Container>

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

/** A field's template errors; each with a position moves the cursor there. */
const TemplateErrors = ({
  errors,
  testId,
  onGoTo,
}: {
  errors: TemplateFieldError[]
  testId: string
  onGoTo: (error: TemplateFieldError) => void
}) => {
  if (!errors.length) {
    return null
  }
  return (
    <ul className="flex flex-col gap-y-1" data-testid={testId} role="alert">
      {errors.map((error, index) => {
        const position =
          error.line !== null
            ? `Line ${error.line}${error.column !== null ? `, column ${error.column}` : ""}`
            : null
        return (
          <li
            key={index}
            className="text-ui-fg-error txt-compact-small flex items-start gap-x-2"
            data-line={error.line ?? undefined}
            data-column={error.column ?? undefined}
          >
            {position ? (
              <button
                type="button"
                className="txt-compact-small-plus shrink-0 underline"
                onClick={() => onGoTo(error)}
                title="Move the cursor there"
              >
                {position}:
              </button>
            ) : null}
            <span className="whitespace-pre-wrap break-words font-mono">
              {error.message}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

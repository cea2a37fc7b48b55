import { Trash } from "@medusajs/icons"
import { FetchError } from "@medusajs/js-sdk"
import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { useCreateForm, useUpdateForm } from "../../../../hooks/api/forms"
import { draftProblems, formToDraft, isDraftDirty, type FormBody, type MarketingForm } from "../../../../lib/forms"
import { DeleteFormPrompt } from "./delete-form-prompt"
import {
  BasicsSection,
  ConsentSection,
  ContentSection,
  FieldsSection,
  IncentiveSection,
  TargetingSection,
  TriggersSection,
} from "./form-editor-sections"
import { FormStatusBadge } from "./form-status-badge"
import { FormPreview } from "./form-preview"

type FieldError = { field: string; message: string }

/**
 * A 400's first problem: `Invalid request: variants[0].weight: must be …; …` names the field (the API's path,
 * as the editor's fields are keyed); any other error has none.
 */
export const serverError = (error: FetchError): FieldError => {
  const message = String(error.message ?? "")
  const first = message.replace(/^Invalid request: /, "").split("; ")[0]
  const match = error.status === 400 ? /^([\w.[\]]+): (.+)$/.exec(first) : null
  return match ? { field: match[1], message: match[2] } : { field: "", message }
}

/**
 * Creates or edits a form: its settings on one side, the live preview (the
 * tracker's renderer, desktop or mobile) on the other.
 */
export const FormEditor = ({ form }: { form?: MarketingForm }) => {
  const navigate = useNavigate()
  const isEdit = !!form
  const [saved, setSaved] = useState<FormBody>(() => formToDraft(form))
  const [draft, setDraft] = useState<FormBody>(saved)
  const [submitted, setSubmitted] = useState(false)
  const [saveError, setSaveError] = useState<FieldError | null>(null)
  const [deleting, setDeleting] = useState(false)
  const dirty = !isEdit || isDraftDirty(draft, saved)

  const problems = submitted ? draftProblems(draft) : []
  const errorOf = (field: string) =>
    problems.find((p) => p.field === field)?.message ?? (saveError?.field === field ? saveError.message : undefined)

  const onError = (error: FetchError) => {
    const e = serverError(error)
    setSaveError(e)
    toast.error("The form could not be saved", { description: e.message })
  }
  const create = useCreateForm({
    onSuccess: ({ form: created }) => {
      toast.success(`"${created.name}" was created`)
      navigate(`/marketing/forms/${created.id}`, { replace: true })
    },
    onError,
  })
  const update = useUpdateForm(form?.id ?? "", {
    onSuccess: ({ form: updated }) => {
      toast.success(`"${updated.name}" was saved`)
      const next = formToDraft(updated)
      setSaved(next)
      setDraft(next)
      setSubmitted(false)
    },
    onError,
  })
  const isSaving = create.isPending || update.isPending

  const onChange = (next: FormBody) => {
    setDraft(next)
    setSaveError(null)
  }

  const handleSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    setSaveError(null)
    if (draftProblems(draft).length) return
    if (isEdit) update.mutate(draft)
    else create.mutate(draft)
  }

  const sectionProps = { draft, onChange, errorOf }
  // The server's message also heads the form: its field may be one the editor shows in a list (a topic, a pattern).
  const general = saveError ? (saveError.field ? `${saveError.field}: ${saveError.message}` : saveError.message) : null

  return (
    <>
      <form className="flex w-full flex-col gap-y-3" onSubmit={handleSubmit} noValidate data-testid="form-editor">
        <Container className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
          <div className="flex min-w-0 items-center gap-x-2">
            <Heading level="h1" className="truncate">
              {isEdit ? saved.name || "Form" : "Create form"}
            </Heading>
            {isEdit ? <FormStatusBadge status={saved.status} /> : null}
            {isEdit ? (
              <Text size="small" className="text-ui-fg-muted font-mono" data-testid="form-id">
                {form!.id}
              </Text>
            ) : null}
          </div>
          <div className="flex items-center gap-x-2">
            {isEdit ? (
              <Button size="small" type="button" variant="secondary" onClick={() => setDeleting(true)} data-testid="form-delete-button">
                <Trash />
                Delete
              </Button>
            ) : null}
            <Button size="small" type="submit" isLoading={isSaving} disabled={!dirty} data-testid="form-save">
              {isEdit ? "Save" : "Create"}
            </Button>
          </div>
        </Container>
        {general || (submitted && problems.length) ? (
          <Container className="px-6 py-3" data-testid="form-save-error">
            <Text size="small" className="text-ui-fg-error">
              {general ?? "Fix the fields marked below."}
            </Text>
          </Container>
        ) : null}
        <div className="flex flex-col gap-3 xl:flex-row xl:items-start">
          <div className="flex w-full min-w-0 flex-1 flex-col gap-y-3">
            <BasicsSection {...sectionProps} />
            <ContentSection {...sectionProps} />
            <FieldsSection {...sectionProps} />
            <ConsentSection {...sectionProps} />
            <IncentiveSection {...sectionProps} />
            <TargetingSection {...sectionProps} />
            <TriggersSection {...sectionProps} />
          </div>
          <div className="flex w-full min-w-0 flex-1 flex-col gap-y-3 xl:sticky xl:top-0">
            <FormPreview draft={draft} />
            {form?.stats ? <FormStatsSection form={form} /> : null}
          </div>
        </div>
      </form>
      {deleting && form ? (
        <DeleteFormPrompt form={form} onClose={() => setDeleting(false)} onDeleted={() => navigate("/marketing/forms", { replace: true })} />
      ) : null}
    </>
  )
}

const FormStatsSection = ({ form }: { form: MarketingForm }) => {
  const s = form.stats!
  const rate = (r: number | null) => (r == null ? "–" : `${(Math.round(r * 1000) / 10).toLocaleString("en-US")}%`)
  return (
    <Container className="flex flex-col gap-y-2 px-6 py-4" data-testid="form-stats">
      <Heading level="h2">Last {s.days} days</Heading>
      <div className="grid grid-cols-4 gap-2 text-ui-fg-subtle">
        <Text size="small" weight="plus">Variant</Text>
        <Text size="small" weight="plus">Views</Text>
        <Text size="small" weight="plus">Submissions</Text>
        <Text size="small" weight="plus">Submit rate</Text>
        {[{ id: "all", views: s.views, submissions: s.submissions, submit_rate: s.submit_rate }, ...(s.variants.length > 1 ? s.variants : [])].map((v) => (
          <div key={v.id} className="contents">
            <Text size="small">{v.id === "all" ? "All" : v.id.toUpperCase()}{s.winner?.id === v.id ? " (winner)" : ""}</Text>
            <Text size="small">{v.views}</Text>
            <Text size="small">{v.submissions}</Text>
            <Text size="small">{rate(v.submit_rate)}</Text>
          </div>
        ))}
      </div>
    </Container>
  )
}

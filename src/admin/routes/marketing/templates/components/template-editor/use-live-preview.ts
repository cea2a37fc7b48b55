import { useEffect, useMemo, useState } from "react"
import { useTemplatePreview } from "../../../../../hooks/api/templates"
import {
  draftToFields,
  parseTemplateErrors,
  type TemplateDraft,
  type TemplateFieldError,
} from "../../../../../lib/templates"
import type {
  TemplatePreviewBody,
  TemplatePreviewResponse,
} from "../../../../../lib/types"

export const errorsFor = (
  errors: TemplateFieldError[],
  target: TemplateFieldError["target"]
) => errors.filter((error) => error.target === target)

/**
 * The unsaved draft rendered by the server (for the sample or `contactId`),
 * the last good render while the draft has an error, and its errors.
 */
export const useLivePreview = (draft: TemplateDraft, contactId: string | null) => {
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

  return { ready, preview, lastGood, previewErrors, generalPreviewError }
}

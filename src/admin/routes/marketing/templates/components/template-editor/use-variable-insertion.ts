import { useRef, useState, type SyntheticEvent } from "react"
import {
  insertAt,
  variableSnippet,
  type TemplateDraft,
  type TemplateFieldError,
} from "../../../../../lib/templates"

/** The fields a variable can be inserted into. */
export type InsertableField = "subject" | "body" | "text"

export const FIELD_LABELS: Record<InsertableField, string> = {
  subject: "the subject",
  body: "the body",
  text: "the plain text",
}

type Selection = { field: InsertableField; start: number | null; end: number | null }

/**
 * Inserting `{{path}}` at the cursor of the field edited last, and moving the
 * cursor to where a template error points.
 */
export const useVariableInsertion = (
  draft: TemplateDraft,
  update: (field: InsertableField, value: string) => void
) => {
  const refs = {
    subject: useRef<HTMLInputElement>(null),
    body: useRef<HTMLTextAreaElement>(null),
    text: useRef<HTMLTextAreaElement>(null),
  }
  // Where a variable goes: the field edited last, at its cursor.
  const selection = useRef<Selection>({ field: "body", start: null, end: null })
  const [insertTarget, setInsertTarget] = useState<InsertableField>("body")

  const track =
    (field: InsertableField) =>
    (event: SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => {
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

  return { refs, insertTarget, trackProps, insertVariable, goTo }
}

import type { TemplateFieldError } from "../../../../../lib/templates"

/** A field's template errors; each with a position moves the cursor there. */
export const TemplateErrors = ({
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

import { Alert, Container, Heading, Tabs, Text, clx } from "@medusajs/ui"
import { PREVIEW_WIDTHS, type PreviewDevice } from "../../../../../lib/templates"
import type { TemplatePreviewResponse } from "../../../../../lib/types"
import { EmailPreviewFrame } from "../../../../../components/email-preview-frame"
import { ContactPicker } from "./contact-picker"

export type PreviewView = PreviewDevice | "text"

const VIEWS: { value: PreviewView; label: string }[] = [
  { value: "desktop", label: "Desktop" },
  { value: "mobile", label: "Mobile" },
  { value: "text", label: "Plain text" },
]

const FRAME_HEIGHT = 720

type TemplatePreviewPanelProps = {
  /** False while the subject or the body is empty: nothing to render yet. */
  ready: boolean
  /** The latest successful render (kept on screen while a newer one fails). */
  rendered: TemplatePreviewResponse | undefined
  isLoading: boolean
  /** The template has errors (shown next to their fields). */
  invalid: boolean
  /** An error that belongs to no field (unknown contact, server error). */
  error: string | null
  view: PreviewView
  onViewChange: (view: PreviewView) => void
  contactId: string | null
  onContactChange: (contactId: string | null) => void
}

/**
 * The email as the server renders it, with the unsaved changes: the subject,
 * then the HTML in a sandboxed frame (no scripts, no same-origin access) at
 * desktop or phone width, or the plain text.
 */
export const TemplatePreviewPanel = ({
  ready,
  rendered,
  isLoading,
  invalid,
  error,
  view,
  onViewChange,
  contactId,
  onContactChange,
}: TemplatePreviewPanelProps) => {
  const status = !ready
    ? null
    : isLoading
      ? "Updating…"
      : invalid
        ? "Showing the last version without errors"
        : null

  return (
    <Container className="divide-y p-0" data-testid="template-preview">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div className="flex min-w-0 flex-col">
          <Heading level="h2">Preview</Heading>
          <Text
            size="small"
            leading="compact"
            className="text-ui-fg-subtle"
            aria-live="polite"
            data-testid="template-preview-status"
            data-loading={isLoading || undefined}
          >
            {status ?? "Rendered with your unsaved changes."}
          </Text>
        </div>
        <Tabs
          value={view}
          onValueChange={(next) => {
            if (next) {
              onViewChange(next as PreviewView)
            }
          }}
        >
          <Tabs.List data-testid="template-preview-view">
            {VIEWS.map((item) => (
              <Tabs.Trigger
                key={item.value}
                value={item.value}
                data-testid={`template-preview-${item.value}`}
              >
                {item.label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </Tabs>
      </div>

      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" leading="compact" weight="plus">
          Preview as
        </Text>
        <ContactPicker value={contactId} onChange={onContactChange} />
      </div>

      {error ? (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="template-preview-error">
            {error}
          </Alert>
        </div>
      ) : null}

      {!ready ? (
        <div className="px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-muted">
            Add a subject and a body to see the preview.
          </Text>
        </div>
      ) : !rendered ? (
        <div className="px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-muted">
            {invalid || error
              ? "Fix the errors to see the preview."
              : "Rendering the preview…"}
          </Text>
        </div>
      ) : (
        <>
          <div className="flex items-start gap-x-3 px-6 py-4">
            <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0">
              Subject
            </Text>
            <Text
              size="small"
              leading="compact"
              weight="plus"
              className="min-w-0 break-words"
              data-testid="template-preview-subject"
            >
              {rendered.subject}
            </Text>
          </div>
          <div
            className={clx("bg-ui-bg-subtle overflow-x-auto p-4", {
              "opacity-50": invalid,
            })}
          >
            {view === "text" ? (
              <pre
                className="bg-ui-bg-base txt-compact-small whitespace-pre-wrap break-words rounded-lg border p-4 font-mono"
                data-testid="template-preview-text"
              >
                {rendered.text}
              </pre>
            ) : (
              <EmailPreviewFrame
                html={rendered.html}
                style={
                  view === "mobile"
                    ? { width: PREVIEW_WIDTHS.mobile, height: FRAME_HEIGHT }
                    : {
                        width: "100%",
                        minWidth: PREVIEW_WIDTHS.desktop,
                        height: FRAME_HEIGHT,
                      }
                }
                testId="template-preview-frame"
                view={view}
              />
            )}
          </div>
        </>
      )}
    </Container>
  )
}

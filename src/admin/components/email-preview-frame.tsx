import type { CSSProperties } from "react"

/**
 * A rendered email's HTML in a sandboxed frame: an empty sandbox, so no
 * scripts, forms or same-origin access from the template's markup.
 */
export const EmailPreviewFrame = ({
  html,
  style,
  testId,
  view,
}: {
  html: string
  style: CSSProperties
  testId: string
  /** Which width the frame shows (desktop, mobile…), for tests and styles. */
  view?: string
}) => (
  <iframe
    title="Email preview"
    sandbox=""
    srcDoc={html}
    className="bg-ui-bg-base mx-auto block rounded-lg border"
    style={style}
    data-testid={testId}
    data-view={view}
  />
)

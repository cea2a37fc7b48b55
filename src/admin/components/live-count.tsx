import { Text } from "@medusajs/ui"
import type { Contact } from "../lib/types"
import { getContactName, getContactTitle } from "../lib/format"

type LiveCountProps = {
  /** False while the draft is incomplete: nothing to count yet. */
  ready: boolean
  count: number | undefined
  isLoading: boolean
  error?: string | null
  /** What to say while the draft is incomplete. */
  incomplete: string
  /** What to say when counting failed. */
  failed: (error: string) => string
  /** What to say about `count` contacts. */
  counted: (count: number) => string
  testId: string
  title?: string
}

/** A live count of the contacts a draft matches, in an editor's footer. */
export const LiveCount = ({
  ready,
  count,
  isLoading,
  error,
  incomplete,
  failed,
  counted,
  testId,
  title,
}: LiveCountProps) => {
  let content: string
  let tone = "text-ui-fg-subtle"
  if (!ready) {
    content = incomplete
    tone = "text-ui-fg-muted"
  } else if (error) {
    content = failed(error)
    tone = "text-ui-fg-error"
  } else if (count === undefined) {
    content = "Counting contacts…"
  } else {
    content = `${counted(count)}${isLoading ? " (updating…)" : ""}`
  }

  return (
    <Text
      size="small"
      leading="compact"
      className={tone}
      aria-live="polite"
      data-testid={testId}
      data-count={ready && !error && count !== undefined ? count : undefined}
      data-loading={isLoading || undefined}
      title={title}
    >
      {content}
    </Text>
  )
}

/** A contact's email (or id) over their name, when known. */
export const ContactLines = ({
  contact,
  weight,
}: {
  contact: Pick<Contact, "email" | "first_name" | "last_name">
  weight?: "plus"
}) => {
  const name = getContactName(contact)
  return (
    <>
      <Text size="small" leading="compact" weight={weight} className="truncate">
        {getContactTitle(contact)}
      </Text>
      {name ? (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted truncate">
          {name}
        </Text>
      ) : null}
    </>
  )
}

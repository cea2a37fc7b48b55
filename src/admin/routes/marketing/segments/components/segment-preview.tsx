import { Alert, Heading, Skeleton, Text } from "@medusajs/ui"
import { getContactName, getContactTitle } from "../../../../lib/format"
import type { SegmentContact } from "../../../../lib/types"
import { LifecycleStageBadge } from "../../../../components/lifecycle-stage-badge"
import { contactsLabel } from "../../../../lib/segments"

type PreviewState = {
  /** False while the definition is incomplete: nothing to count yet. */
  ready: boolean
  count: number | undefined
  contacts: SegmentContact[] | undefined
  isLoading: boolean
  error?: string | null
}

/** "N contacts match", live as the owner edits (footer of the editor). */
export const SegmentPreviewCount = ({
  ready,
  count,
  isLoading,
  error,
}: PreviewState) => {
  let content: string
  let tone = "text-ui-fg-subtle"
  if (!ready) {
    content = "Complete the conditions to see how many contacts match."
    tone = "text-ui-fg-muted"
  } else if (error) {
    content = "The conditions could not be counted."
    tone = "text-ui-fg-error"
  } else if (count === undefined) {
    content = "Counting contacts…"
  } else {
    content = `${contactsLabel(count)} ${count === 1 ? "matches" : "match"} today${
      isLoading ? " (updating…)" : ""
    }`
  }

  return (
    <Text
      size="small"
      leading="compact"
      className={tone}
      aria-live="polite"
      data-testid="segment-preview-count"
      data-count={ready && !error && count !== undefined ? count : undefined}
      data-loading={isLoading || undefined}
    >
      {content}
    </Text>
  )
}

/** The first matching contacts, or what is wrong with the conditions. */
export const SegmentPreviewSample = ({
  ready,
  count,
  contacts,
  isLoading,
  error,
}: PreviewState) => (
  <div className="flex flex-col gap-y-3" data-testid="segment-preview">
    <div className="flex flex-col">
      <Heading level="h3">Preview</Heading>
      <Text size="small" leading="compact" className="text-ui-fg-subtle">
        Who matches the conditions right now.
      </Text>
    </div>
    {!ready ? (
      <Text size="small" leading="compact" className="text-ui-fg-muted">
        Complete the conditions to see who matches.
      </Text>
    ) : error ? (
      <Alert variant="error" data-testid="segment-preview-error">
        {error}
      </Alert>
    ) : count === undefined ? (
      <div className="flex flex-col gap-y-2">
        <Skeleton className="h-4 w-[200px]" />
        <Skeleton className="h-4 w-[160px]" />
      </div>
    ) : !contacts?.length ? (
      <Text size="small" leading="compact" className="text-ui-fg-subtle">
        No contact matches yet.
      </Text>
    ) : (
      <div className="shadow-elevation-card-rest bg-ui-bg-component rounded-lg">
        <ul className="divide-y" data-testid="segment-preview-contacts">
          {contacts.map((contact) => {
            const name = getContactName(contact)
            return (
              <li
                key={contact.id}
                className="flex items-center justify-between gap-x-4 px-3 py-2"
              >
                <div className="flex min-w-0 flex-col">
                  <Text size="small" leading="compact" weight="plus" className="truncate">
                    {getContactTitle(contact)}
                  </Text>
                  {name ? (
                    <Text size="xsmall" leading="compact" className="text-ui-fg-muted truncate">
                      {name}
                    </Text>
                  ) : null}
                </div>
                <LifecycleStageBadge stage={contact.lifecycle_stage} />
              </li>
            )
          })}
        </ul>
        {count > contacts.length ? (
          <div className="border-t px-3 py-2">
            <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
              and {contactsLabel(count - contacts.length)} more
              {isLoading ? " (updating…)" : ""}
            </Text>
          </div>
        ) : null}
      </div>
    )}
  </div>
)

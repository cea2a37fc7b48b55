import { Alert, Heading, Skeleton, Text } from "@medusajs/ui"
import type { SegmentContact } from "../../../../lib/types"
import { ContactLines, LiveCount } from "../../../../components/live-count"
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
export const SegmentPreviewCount = (state: PreviewState) => {
  return (
    <LiveCount
      {...state}
      incomplete="Complete the conditions to see how many contacts match."
      failed={() => "The conditions could not be counted."}
      counted={(count) =>
        `${contactsLabel(count)} ${count === 1 ? "matches" : "match"} today`
      }
      testId="segment-preview-count"
    />
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
            return (
              <li
                key={contact.id}
                className="flex items-center justify-between gap-x-4 px-3 py-2"
              >
                <div className="flex min-w-0 flex-col">
                  <ContactLines contact={contact} weight="plus" />
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

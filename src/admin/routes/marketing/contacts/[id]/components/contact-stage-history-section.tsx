import { ArrowRightMini } from "@medusajs/icons"
import { Container, Skeleton, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { LifecycleStageBadge } from "../../../../../components/lifecycle-stage-badge"
import { RelativeTime } from "../../../../../components/relative-time"
import { SectionHeader } from "../../../../../components/section-header"
import { useContactStageHistory } from "../../../../../hooks/api/scoring"

/** How the contact moved through the lifecycle stages, newest first. */
export const ContactStageHistorySection = ({
  contactId,
}: {
  contactId: string
}) => {
  const { changes, isPending, isError, error } =
    useContactStageHistory(contactId)

  const sorted = useMemo(
    () =>
      [...(changes ?? [])].sort(
        (a, b) =>
          new Date(b.changed_at).getTime() - new Date(a.changed_at).getTime()
      ),
    [changes]
  )

  return (
    <Container
      className="divide-y p-0"
      data-testid="marketing-contact-stage-history"
    >
      <SectionHeader title="Stage history" />
      {isPending ? (
        <div className="flex flex-col gap-y-2 px-6 py-4">
          <Skeleton className="h-4 w-[200px]" />
          <Skeleton className="h-4 w-[160px]" />
        </div>
      ) : isError ? (
        <div className="px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-error">
            The stage history could not be loaded
            {error?.message ? `: ${error.message}` : "."}
          </Text>
        </div>
      ) : sorted.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            The contact has not changed stage yet.
          </Text>
        </div>
      ) : (
        <ol className="divide-y">
          {sorted.map((change) => (
            <li key={change.id} className="flex flex-col gap-y-1 px-6 py-3">
              <div className="flex items-center justify-between gap-x-4">
                <div className="flex min-w-0 flex-wrap items-center gap-1">
                  {change.from_stage ? (
                    <>
                      <LifecycleStageBadge stage={change.from_stage} />
                      <ArrowRightMini className="text-ui-fg-muted" />
                    </>
                  ) : null}
                  <LifecycleStageBadge stage={change.to_stage} />
                </div>
                <Text
                  size="small"
                  leading="compact"
                  className="text-ui-fg-subtle shrink-0"
                >
                  <RelativeTime date={change.changed_at} />
                </Text>
              </div>
              {change.reason ? (
                <Text
                  size="small"
                  leading="compact"
                  className="text-ui-fg-muted break-words"
                >
                  {change.reason}
                </Text>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Container>
  )
}

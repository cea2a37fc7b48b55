import { ArrowRightMini } from "@medusajs/icons"
import { Container, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { LifecycleStageBadge } from "../../../../../components/lifecycle-stage-badge"
import { ItemHeader } from "../../../../../components/list-item"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionStates } from "../../../../../components/section-states"
import { useContactStageHistory } from "../../../../../hooks/api/scoring"

/** How the contact moved through the lifecycle stages, newest first. */
export const ContactStageHistorySection = ({
  contactId,
}: {
  contactId: string
}) => {
  const query = useContactStageHistory(contactId)
  const { changes } = query

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
      <SectionStates
        {...query}
        what="stage history"
        isEmpty={sorted.length === 0}
        empty="The contact has not changed stage yet."
      >
        <ol className="divide-y">
          {sorted.map((change) => (
            <li key={change.id} className="flex flex-col gap-y-1 px-6 py-3">
              <ItemHeader date={change.changed_at}>
                <div className="flex min-w-0 flex-wrap items-center gap-1">
                  {change.from_stage ? (
                    <>
                      <LifecycleStageBadge stage={change.from_stage} />
                      <ArrowRightMini className="text-ui-fg-muted" />
                    </>
                  ) : null}
                  <LifecycleStageBadge stage={change.to_stage} />
                </div>
              </ItemHeader>
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
      </SectionStates>
    </Container>
  )
}

import { Text } from "@medusajs/ui"
import type { ScoringRuleKind } from "../../../../../lib/types"
import { contactsLabel } from "../use-element-width"

type RulePreviewProps = {
  kind: ScoringRuleKind
  /** False while the rule is incomplete: nothing to count yet. */
  ready: boolean
  count: number | undefined
  isLoading: boolean
  error?: string | null
}

/** "This rule would affect N contacts", live as the owner edits. */
export const RulePreview = ({
  kind,
  ready,
  count,
  isLoading,
  error,
}: RulePreviewProps) => {
  let content: string
  let tone = "text-ui-fg-subtle"
  if (!ready) {
    content = "Complete the rule to see how many contacts it would affect."
    tone = "text-ui-fg-muted"
  } else if (error) {
    content = `The contacts could not be counted: ${error}`
    tone = "text-ui-fg-error"
  } else if (count === undefined) {
    content = "Counting contacts…"
  } else {
    content = `This rule would affect ${contactsLabel(count)}${
      isLoading ? " (updating…)" : ""
    }`
  }

  return (
    <Text
      size="small"
      leading="compact"
      className={tone}
      aria-live="polite"
      data-testid="scoring-rule-preview"
      data-count={ready && !error && count !== undefined ? count : undefined}
      title={
        kind === "fit"
          ? "Contacts whose attributes match the conditions today"
          : "Contacts with at least one matching event"
      }
    >
      {content}
    </Text>
  )
}

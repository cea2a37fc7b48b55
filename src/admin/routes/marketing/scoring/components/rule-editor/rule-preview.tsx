import { LiveCount } from "../../../../../components/live-count"
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
export const RulePreview = ({ kind, ...state }: RulePreviewProps) => {
  return (
    <LiveCount
      {...state}
      incomplete="Complete the rule to see how many contacts it would affect."
      failed={(message) => `The contacts could not be counted: ${message}`}
      counted={(count) => `This rule would affect ${contactsLabel(count)}`}
      testId="scoring-rule-preview"
      title={
        kind === "fit"
          ? "Contacts whose attributes match the conditions today"
          : "Contacts with at least one matching event"
      }
    />
  )
}

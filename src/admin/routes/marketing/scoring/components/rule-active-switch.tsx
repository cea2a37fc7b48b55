import { Switch, toast } from "@medusajs/ui"
import { useState } from "react"
import { useUpdateScoringRule } from "../../../../hooks/api/scoring"
import type { ScoringRule } from "../../../../lib/types"

/**
 * Turns a rule on or off from the table. The switch moves at once and goes
 * back if the server refuses. Past points stay as they are; the editor's
 * "Apply to history" recounts them.
 */
export const RuleActiveSwitch = ({ rule }: { rule: ScoringRule }) => {
  const [pending, setPending] = useState<boolean | null>(null)
  const { mutate } = useUpdateScoringRule(rule.id, {
    onSuccess: ({ scoring_rule }) =>
      toast.success(
        scoring_rule.active
          ? `"${scoring_rule.name}" is active`
          : `"${scoring_rule.name}" is paused`
      ),
    onError: (error) =>
      toast.error(`"${rule.name}" could not be updated`, {
        description: error.message,
      }),
    onSettled: () => setPending(null),
  })

  const checked = pending ?? rule.active

  return (
    <Switch
      size="small"
      checked={checked}
      disabled={pending !== null}
      aria-label={checked ? `Pause ${rule.name}` : `Activate ${rule.name}`}
      data-testid="scoring-rule-active"
      onClick={(event) => event.stopPropagation()}
      onCheckedChange={(active) => {
        setPending(active)
        mutate({ active })
      }}
    />
  )
}

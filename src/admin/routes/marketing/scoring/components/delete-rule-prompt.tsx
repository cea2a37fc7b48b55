import { Checkbox, Label, Text, toast } from "@medusajs/ui"
import { useId, useState } from "react"
import { ConfirmPrompt } from "../../../../components/confirm-prompt"
import { useDeleteScoringRule } from "../../../../hooks/api/scoring"
import type { Recompute, ScoringRule } from "../../../../lib/types"

type DeleteRulePromptProps = {
  rule: ScoringRule
  onClose: () => void
  onRecompute: (recompute: Recompute) => void
}

/**
 * Asks before deleting a rule, and whether the points it already gave should
 * go too (which recounts that rule's points in the background).
 */
export const DeleteRulePrompt = ({
  rule,
  onClose,
  onRecompute,
}: DeleteRulePromptProps) => {
  const checkboxId = useId()
  const [applyToHistory, setApplyToHistory] = useState(true)
  const { mutate, isPending } = useDeleteScoringRule(rule.id, {
    onSuccess: ({ recompute }) => {
      toast.success(`"${rule.name}" was deleted`)
      if (recompute) {
        onRecompute(recompute)
      }
      onClose()
    },
    onError: (error) =>
      toast.error(`"${rule.name}" could not be deleted`, {
        description: error.message,
      }),
  })

  return (
    <ConfirmPrompt
      title={`Delete "${rule.name}"?`}
      description="The rule stops scoring new events. This cannot be undone."
      actionLabel="Delete"
      testId="scoring-rule-delete"
      isPending={isPending}
      onClose={onClose}
      onConfirm={() => mutate({ apply_to_history: applyToHistory })}
    >
      <div className="flex items-start gap-x-3 px-6 pt-4">
        <Checkbox
          id={checkboxId}
          checked={applyToHistory}
          onCheckedChange={(checked) => setApplyToHistory(checked === true)}
        />
        <div className="flex flex-col">
          <Label htmlFor={checkboxId} size="small" weight="plus">
            Remove the points it already gave
          </Label>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            Takes them off every contact, in the background.
          </Text>
        </div>
      </div>
    </ConfirmPrompt>
  )
}

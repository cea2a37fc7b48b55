import { Checkbox, Label, Prompt, Text, toast } from "@medusajs/ui"
import { useId, useState } from "react"
import { useDeleteScoringRule } from "../../../../hooks/api/scoring"
import type { Recompute, ScoringRule } from "../../../../lib/types"

type DeleteRulePromptProps = {
  rule: ScoringRule
  onClose: () => void
  onRecompute: (recompute: Recompute) => void
}

/**
 * Asks before deleting a rule, and whether the points it already gave should
 * go too (which rebuilds every score in the background).
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
    <Prompt
      open
      variant="danger"
      onOpenChange={(open) => {
        if (!open && !isPending) {
          onClose()
        }
      }}
    >
      <Prompt.Content data-testid="scoring-rule-delete">
        <Prompt.Header>
          <Prompt.Title>Delete "{rule.name}"?</Prompt.Title>
          <Prompt.Description>
            The rule stops scoring new events. This cannot be undone.
          </Prompt.Description>
        </Prompt.Header>
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
              Rebuilds every contact's scores from their history.
            </Text>
          </div>
        </div>
        <Prompt.Footer>
          <Prompt.Cancel disabled={isPending}>Cancel</Prompt.Cancel>
          <Prompt.Action
            disabled={isPending}
            onClick={(event) => {
              // Keep the prompt open until the server answers.
              event.preventDefault()
              mutate({ apply_to_history: applyToHistory })
            }}
          >
            Delete
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

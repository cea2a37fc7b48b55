import { Text } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { definitionToDraft, draftToDefinition, unwrapSingle, type GroupDraft } from "../../../../../../lib/segments"
import type { SegmentNode } from "../../../../../../lib/types"
import { flowConditionScope, useSegmentBuilderData } from "../../../../segments/components/condition-builder/builder-context"
import { ConditionBuilder } from "../../../../segments/components/condition-builder/condition-builder"
import type { StepFormProps } from "./types"

const NO_ERRORS = new Map<string, string>()

/**
 * The condition, in the segment condition builder with the flow's own tests
 * added (an event since entering, the last email). Matching contacts go down
 * Yes, the others down No.
 */
export const ConditionForm = ({ draft, set, setProblem, showErrors }: StepFormProps) => {
  const builder = useSegmentBuilderData({})
  // The flow's condition type is the segment tree plus its own leaves, which the builder reads.
  const [root, setRoot] = useState<GroupDraft>(() => definitionToDraft(draft.if as SegmentNode))
  const result = useMemo(() => draftToDefinition(root, builder.context), [root, builder.context])

  useEffect(() => {
    if (builder.fieldsLoading) return setProblem("The condition's fields are still loading")
    if (result.definition) {
      set({ if: unwrapSingle(result.definition) })
      setProblem(null)
    } else setProblem(result.empty ? "Add a condition" : "Complete the condition")
    // `set` and `setProblem` apply to the latest draft: only the tree matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, builder.fieldsLoading])

  return (
    <div className="flex flex-col gap-y-2">
      <ConditionBuilder
        root={root}
        data={{ ...builder, errors: showErrors ? result.errors : NO_ERRORS }}
        scope={flowConditionScope(builder.fields)}
        testId="step-condition-builder"
        emptyHint="Add a condition: contacts who match go down Yes."
        onChange={(update) => setRoot((current) => update(current))}
      />
      <Text size="small" className="text-ui-fg-subtle">
        Contacts who match go down the Yes branch, the others down No. Add the steps of each branch from here, below.
      </Text>
    </div>
  )
}

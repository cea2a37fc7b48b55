import { Text } from "@medusajs/ui"
import type { GroupDraft } from "../../../../../lib/segments"
import {
  SegmentBuilderDataProvider,
  contactScope,
  type BuilderScope,
  type SegmentBuilderData,
} from "./builder-context"
import { GroupEditor } from "./group-editor"

type ConditionBuilderProps = {
  root: GroupDraft
  data: SegmentBuilderData
  /** Changes the tree from its latest state (see the Radix Select caveat). */
  onChange: (update: (root: GroupDraft) => GroupDraft) => void
  /** What the rows may test: a contact's conditions unless given (a flow's condition, an event's properties). */
  scope?: BuilderScope
  /** Text before the top group's all/any choice. */
  lead?: string
  /** Shown while the top group is empty. */
  emptyHint?: string
  testId?: string
}

/**
 * The visual editor of a condition tree: nested all/any groups of contact
 * field, behaviour, purchase and membership conditions. Segments, a flow's
 * entry filter and condition steps, and event property filters all use it.
 */
export const ConditionBuilder = ({
  root,
  data,
  onChange,
  scope,
  lead,
  emptyHint,
  testId = "segment-builder",
}: ConditionBuilderProps) => (
  <SegmentBuilderDataProvider value={data}>
    <div className="flex flex-col gap-y-3" data-testid={testId}>
      {data.fieldsError ? (
        <Text size="small" leading="compact" className="text-ui-fg-error">
          The fields could not be loaded: {data.fieldsError}
        </Text>
      ) : null}
      <GroupEditor
        group={root}
        depth={0}
        scope={scope ?? contactScope(data.fields)}
        lead={lead}
        emptyHint={emptyHint}
        onChange={onChange}
      />
    </div>
  </SegmentBuilderDataProvider>
)

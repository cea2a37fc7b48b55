import { Text } from "@medusajs/ui"
import type { GroupDraft } from "../../../../../lib/segments"
import {
  SegmentBuilderDataProvider,
  contactScope,
  type SegmentBuilderData,
} from "./builder-context"
import { GroupEditor } from "./group-editor"

type ConditionBuilderProps = {
  root: GroupDraft
  data: SegmentBuilderData
  /** Changes the tree from its latest state (see the Radix Select caveat). */
  onChange: (update: (root: GroupDraft) => GroupDraft) => void
}

/**
 * The visual editor of a segment's definition: nested all/any groups of
 * contact field, behaviour, purchase and membership conditions.
 */
export const ConditionBuilder = ({ root, data, onChange }: ConditionBuilderProps) => (
  <SegmentBuilderDataProvider value={data}>
    <div className="flex flex-col gap-y-3" data-testid="segment-builder">
      {data.fieldsError ? (
        <Text size="small" leading="compact" className="text-ui-fg-error">
          The fields could not be loaded: {data.fieldsError}
        </Text>
      ) : null}
      <GroupEditor
        group={root}
        depth={0}
        scope={contactScope(data.fields)}
        onChange={onChange}
      />
    </div>
  </SegmentBuilderDataProvider>
)

import { Input, Text } from "@medusajs/ui"
import type {
  CustomerGroupLeafDraft,
  SegmentLeafDraft,
  TopSpendersLeafDraft,
} from "../../../../../lib/segments"
import { useBuilderData } from "./builder-context"
import { SelectInput } from "../../../../../components/select-input"

const withUnknown = (
  options: { value: string; label: string }[],
  value: string
) =>
  value && !options.some((option) => option.value === value)
    ? [...options, { value, label: value }]
    : options

export const SegmentMembershipInput = ({
  leaf,
  invalid,
  onChange,
}: {
  leaf: SegmentLeafDraft
  invalid: boolean
  onChange: (update: (leaf: SegmentLeafDraft) => SegmentLeafDraft) => void
}) => {
  const { segments } = useBuilderData()
  return (
    <SelectInput
      value={leaf.segmentId}
      options={withUnknown(
        segments.map((segment) => ({ value: segment.id, label: segment.name })),
        leaf.segmentId
      )}
      placeholder={segments.length ? "Choose a segment" : "No other segments yet"}
      label="Segment"
      invalid={invalid}
      testId="segment-condition-segment"
      onChange={(segmentId) => onChange((current) => ({ ...current, segmentId }))}
    />
  )
}

export const CustomerGroupInput = ({
  leaf,
  invalid,
  onChange,
}: {
  leaf: CustomerGroupLeafDraft
  invalid: boolean
  onChange: (
    update: (leaf: CustomerGroupLeafDraft) => CustomerGroupLeafDraft
  ) => void
}) => {
  const { customerGroups } = useBuilderData()
  return (
    <SelectInput
      value={leaf.groupId}
      options={withUnknown(
        customerGroups.map((group) => ({ value: group.id, label: group.name })),
        leaf.groupId
      )}
      placeholder={
        customerGroups.length ? "Choose a customer group" : "No customer groups yet"
      }
      label="Customer group"
      invalid={invalid}
      testId="segment-condition-customer-group"
      onChange={(groupId) => onChange((current) => ({ ...current, groupId }))}
    />
  )
}

export const TopSpendersInput = ({
  leaf,
  invalid,
  onChange,
}: {
  leaf: TopSpendersLeafDraft
  invalid: boolean
  onChange: (update: (leaf: TopSpendersLeafDraft) => TopSpendersLeafDraft) => void
}) => (
  <div className="flex items-center gap-x-2">
    <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0">
      Top
    </Text>
    <Input
      size="small"
      type="number"
      min={1}
      max={99}
      step={1}
      value={leaf.percent}
      aria-label="Percent of contacts"
      aria-invalid={invalid}
      onChange={(event) => {
        const percent = event.target.value
        onChange((current) => ({ ...current, percent }))
      }}
    />
    <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0">
      % by total spent
    </Text>
  </div>
)

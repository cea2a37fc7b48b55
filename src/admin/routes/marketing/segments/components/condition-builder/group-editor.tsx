import { Plus } from "@medusajs/icons"
import {
  Button,
  Checkbox,
  Hint,
  Label,
  Text,
  clx,
} from "@medusajs/ui"
import { Fragment, useId } from "react"
import { RemoveButton } from "../../../../../components/conditions/operator-select"
import {
  LEAF_KIND_LABELS,
  MAX_GROUP_DEPTH,
  emptyConditionNode,
  emptyGroup,
  emptyLeafDraft,
  type ConditionNodeDraft,
  type GroupDraft,
  type LeafDraft,
  type LeafKind,
  type NodeDraft,
} from "../../../../../lib/segments"
import {
  eventPropertyScope,
  useBuilderData,
  type BuilderScope,
} from "./builder-context"
import { EventConditionInputs } from "./event-condition-inputs"
import { FieldConditionInputs } from "./field-condition-inputs"
import {
  CustomerGroupInput,
  SegmentMembershipInput,
  TopSpendersInput,
} from "./membership-inputs"
import { PurchaseConditionInputs } from "./purchase-condition-inputs"
import { SelectInput } from "../../../../../components/select-input"
import { EventTypeSelect } from "./event-type-select"

type Update<T> = (update: (value: T) => T) => void

/** "Is not": wraps the row or group in `{ not }`. */
const NegateToggle = ({
  checked,
  label,
  onChange,
}: {
  checked: boolean
  label: string
  onChange: (checked: boolean) => void
}) => {
  const id = useId()
  return (
    <div className="flex items-center gap-x-2">
      <Checkbox
        id={id}
        checked={checked}
        aria-label={label}
        onCheckedChange={(value) => onChange(value === true)}
        data-testid="segment-negate"
      />
      <Label htmlFor={id} size="xsmall" weight="plus" className="text-ui-fg-subtle">
        Is not
      </Label>
    </div>
  )
}

const GROUP_MODES = [
  { value: "and", label: "all" },
  { value: "or", label: "any" },
]

type GroupEditorProps = {
  group: GroupDraft
  depth: number
  scope: BuilderScope
  onChange: Update<GroupDraft>
  /** Left out for the top group. */
  onRemove?: () => void
  /** Text before the all/any choice. */
  lead?: string
  /** The top group's text while it is empty. */
  emptyHint?: string
}

/**
 * A group of conditions that must all (AND) or any (OR) match, optionally
 * negated, with its rows and nested groups.
 */
export const GroupEditor = ({
  group,
  depth,
  scope,
  onChange,
  onRemove,
  lead = "Contacts who match",
  emptyHint = "Add a condition to choose who belongs to the segment.",
}: GroupEditorProps) => {
  const { errors, currencies } = useBuilderData()
  const error = errors.get(group.key)
  const isRoot = !onRemove

  const updateChild =
    (key: string): Update<NodeDraft> =>
    (update) =>
      onChange((current) => ({
        ...current,
        children: current.children.map((child) =>
          child.key === key ? update(child) : child
        ),
      }))
  const removeChild = (key: string) =>
    onChange((current) => ({
      ...current,
      children: current.children.filter((child) => child.key !== key),
    }))
  const add = (node: NodeDraft) =>
    onChange((current) => ({ ...current, children: [...current.children, node] }))
  const defaultKind = scope.kinds[0]
  const newCondition = () =>
    emptyConditionNode(defaultKind, { currencyCode: currencies[0] })

  return (
    <div
      className={clx("flex flex-col gap-y-3", {
        "bg-ui-bg-subtle rounded-lg border border-dashed p-3": !isRoot,
      })}
      data-testid="segment-group"
      data-operator={group.operator}
      data-negated={group.negate || undefined}
      data-depth={depth}
    >
      <div className="flex items-center justify-between gap-x-2">
        <div className="flex flex-wrap items-center gap-2">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {lead}
          </Text>
          <div className="w-[92px]">
            <SelectInput
              value={group.operator}
              options={GROUP_MODES}
              label="Match all (AND) or any (OR)"
              testId="segment-group-operator"
              onChange={(operator) =>
                onChange((current) => ({
                  ...current,
                  operator: operator as "and" | "or",
                }))
              }
            />
          </div>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            of these conditions
          </Text>
        </div>
        <div className="flex shrink-0 items-center gap-x-2">
          <NegateToggle
            checked={group.negate}
            label="Exclude the contacts this group matches"
            onChange={(negate) => onChange((current) => ({ ...current, negate }))}
          />
          {onRemove ? (
            <RemoveButton label="Remove group" onClick={onRemove} />
          ) : null}
        </div>
      </div>

      {group.children.length ? (
        <ol className="flex flex-col gap-y-2">
          {group.children.map((child, index) => (
            <Fragment key={child.key}>
              {index > 0 ? (
                <li aria-hidden>
                  <Text
                    size="xsmall"
                    leading="compact"
                    weight="plus"
                    className="text-ui-fg-muted px-3 uppercase"
                  >
                    {group.operator}
                  </Text>
                </li>
              ) : null}
              <li>
                {child.type === "group" ? (
                  <GroupEditor
                    group={child}
                    depth={depth + 1}
                    scope={scope}
                    lead="Match"
                    onChange={
                      updateChild(child.key) as unknown as Update<GroupDraft>
                    }
                    onRemove={() => removeChild(child.key)}
                  />
                ) : (
                  <ConditionRow
                    node={child}
                    depth={depth}
                    scope={scope}
                    onChange={
                      updateChild(child.key) as unknown as Update<ConditionNodeDraft>
                    }
                    onRemove={() => removeChild(child.key)}
                  />
                )}
              </li>
            </Fragment>
          ))}
        </ol>
      ) : (
        <Text size="small" leading="compact" className="text-ui-fg-muted">
          {isRoot
            ? emptyHint
            : "An empty group matches nothing: add a condition or remove it."}
        </Text>
      )}

      {error ? <Hint variant="error">{error}</Hint> : null}

      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          size="small"
          variant="secondary"
          onClick={() => add(newCondition())}
          data-testid="segment-add-condition"
        >
          <Plus />
          Add condition
        </Button>
        {depth + 1 < MAX_GROUP_DEPTH ? (
          <Button
            type="button"
            size="small"
            variant="transparent"
            onClick={() =>
              add(
                emptyGroup(group.operator === "and" ? "or" : "and", [
                  newCondition(),
                ])
              )
            }
            data-testid="segment-add-group"
          >
            <Plus />
            Add group
          </Button>
        ) : null}
      </div>
    </div>
  )
}

type ConditionRowProps = {
  node: ConditionNodeDraft
  depth: number
  scope: BuilderScope
  onChange: Update<ConditionNodeDraft>
  onRemove: () => void
}

/** One condition: what it tests (the kind), its inputs, "is not", its problem. */
const ConditionRow = ({
  node,
  depth,
  scope,
  onChange,
  onRemove,
}: ConditionRowProps) => {
  const { errors, currencies } = useBuilderData()
  const error = errors.get(node.key) ?? null
  const invalid = !!error
  // A server message names the part of the condition ("purchase.product_id: …"):
  // only that input is marked. The editor's own messages mark every input.
  const part = error?.match(/^([a-z_][\w.[\]]*):\s/)?.[1]
  const invalidAt = (key: string) =>
    invalid && (!part || part.split(/[.[\]]+/).includes(key))
  const leaf = node.leaf

  const updateLeaf = <T extends LeafDraft>(update: (leaf: T) => T) =>
    onChange((current) => ({ ...current, leaf: update(current.leaf as T) }))

  const changeKind = (kind: string) =>
    onChange((current) =>
      current.leaf.kind === kind
        ? current
        : {
            ...current,
            leaf: emptyLeafDraft(kind as LeafKind, {
              currencyCode: currencies[0],
            }),
          }
    )

  const kindOptions = scope.kinds.map((kind) => ({
    value: kind,
    label: LEAF_KIND_LABELS[kind],
  }))

  let inputs: React.ReactNode = null
  let extra: React.ReactNode = null
  switch (leaf.kind) {
    case "field":
      inputs = (
        <FieldConditionInputs
          leaf={leaf}
          fields={scope.fields}
          fieldLabel={scope.fieldLabel}
          invalidAt={invalidAt}
          onChange={updateLeaf}
        />
      )
      break
    case "event":
      inputs = (
        <EventConditionInputs leaf={leaf} invalidAt={invalidAt} onChange={updateLeaf} />
      )
      break
    case "since_entry":
      inputs = (
        <EventTypeSelect
          value={leaf.eventType}
          invalid={invalidAt("type")}
          onChange={(eventType) =>
            updateLeaf<typeof leaf>((current) =>
              current.eventType === eventType ? current : { ...current, eventType, where: null }
            )
          }
        />
      )
      break
    case "last_email":
      inputs = (
        <SelectInput
          value={leaf.action}
          options={LAST_EMAIL_OPTIONS}
          label="Last email"
          testId="segment-condition-last-email"
          onChange={(action) =>
            updateLeaf<typeof leaf>((current) => ({ ...current, action: action as "opened" | "clicked" }))
          }
        />
      )
      break
    case "purchase":
      inputs = (
        <PurchaseConditionInputs leaf={leaf} invalidAt={invalidAt} onChange={updateLeaf} />
      )
      break
    case "segment":
      inputs = (
        <SegmentMembershipInput leaf={leaf} invalid={invalid} onChange={updateLeaf} />
      )
      break
    case "customer_group":
      inputs = (
        <CustomerGroupInput leaf={leaf} invalid={invalid} onChange={updateLeaf} />
      )
      break
    case "top_spenders":
      inputs = <TopSpendersInput leaf={leaf} invalid={invalid} onChange={updateLeaf} />
      break
    case "raw":
      extra = (
        <div className="flex flex-col gap-y-2">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            This condition cannot be edited here. It is kept as it is; choose a
            kind above to replace it.
          </Text>
          <pre className="bg-ui-bg-subtle text-ui-fg-subtle shadow-borders-base txt-compact-xsmall max-h-[200px] overflow-auto whitespace-pre-wrap break-all rounded-md p-3 font-mono">
            {JSON.stringify(leaf.node, null, 2)}
          </pre>
        </div>
      )
      break
  }
  // An event row's property filter: an event ever (or counted) or since entering the flow.
  if (leaf.kind === "event" || leaf.kind === "since_entry") {
    extra = (
      <EventPropertyFilter
        eventType={leaf.eventType}
        where={leaf.where}
        depth={depth}
        onChange={(update) => updateLeaf<typeof leaf>((current) => ({ ...current, where: update(current.where) }))}
      />
    )
  }

  return (
    <div
      className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col gap-y-2 rounded-lg p-3"
      data-testid="segment-condition"
      data-kind={leaf.kind}
      data-negated={node.negate || undefined}
      data-invalid={invalid || undefined}
    >
      <div className="flex items-center justify-between gap-x-2">
        {scope.kinds.length > 1 ? (
          <div className="w-[200px]">
            <SelectInput
              value={leaf.kind === "raw" ? "" : leaf.kind}
              options={kindOptions}
              placeholder="Other condition"
              label="Condition kind"
              testId="segment-condition-kind"
              onChange={changeKind}
            />
          </div>
        ) : (
          <Text size="small" leading="compact" weight="plus" className="text-ui-fg-subtle">
            {scope.fieldLabel}
          </Text>
        )}
        <div className="flex shrink-0 items-center gap-x-2">
          <NegateToggle
            checked={node.negate}
            label="Match the contacts for whom this is not true"
            onChange={(negate) => onChange((current) => ({ ...current, negate }))}
          />
          <RemoveButton
            label="Remove condition"
            onClick={onRemove}
            testId="segment-condition-remove"
          />
        </div>
      </div>
      {inputs ? (
        <div className="grid grid-cols-1 gap-2 md:grid-cols-3">{inputs}</div>
      ) : null}
      {extra}
      {error ? (
        <Hint variant="error" data-testid="segment-condition-error">
          {error}
        </Hint>
      ) : null}
    </div>
  )
}

const LAST_EMAIL_OPTIONS = [
  { value: "opened", label: "was opened" },
  { value: "clicked", label: "was clicked" },
]

/**
 * Tests of one event's properties: a nested group, or a button adding one
 * when the event type has properties. Null `where`: any event of the type.
 */
export const EventPropertyFilter = ({
  eventType,
  where,
  depth,
  onChange,
}: {
  eventType: string
  where: GroupDraft | null
  depth: number
  onChange: (update: (where: GroupDraft | null) => GroupDraft | null) => void
}) => {
  const { eventTypes } = useBuilderData()
  const scope = eventPropertyScope(eventTypes.find((type) => type.type === eventType))
  if (where) {
    return (
      <GroupEditor
        group={where}
        depth={depth + 1}
        scope={scope}
        lead="Events that match"
        onChange={(update) => onChange((current) => (current ? update(current) : current))}
        onRemove={() => onChange(() => null)}
      />
    )
  }
  if (!scope.fields.length) {
    return null
  }
  return (
    <div>
      <Button
        type="button"
        size="small"
        variant="transparent"
        onClick={() => onChange(() => emptyGroup("and", [emptyConditionNode("field")]))}
        data-testid="segment-add-property-filter"
      >
        <Plus />
        Filter by event property
      </Button>
    </div>
  )
}

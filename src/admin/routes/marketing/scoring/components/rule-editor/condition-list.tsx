import { Plus } from "@medusajs/icons"
import { Button, Heading, Text } from "@medusajs/ui"
import {
  customPropertyField,
  emptyConditionDraft,
  type ConditionDraft,
} from "../../../../../lib/scoring"
import type {
  ConditionNode,
  ScoringField,
  ScoringRuleKind,
} from "../../../../../lib/types"
import { ConditionRow } from "./condition-row"

type ConditionListProps = {
  kind: ScoringRuleKind
  /** Null when the stored conditions are not a flat list. */
  drafts: ConditionDraft[] | null
  /** The stored tree, shown read-only when `drafts` is null. */
  storedTree: ConditionNode | null
  fields: ScoringField[]
  /** Custom events: any property may be tested, typed in by name. */
  allowCustomProperties: boolean
  fieldsLoading: boolean
  fieldsError?: string | null
  errors: (string | null)[]
  /** Changes the list from its latest state. */
  onChange: (update: (drafts: ConditionDraft[]) => ConditionDraft[]) => void
  /** Drops the stored tree for an empty simple list. */
  onReplaceTree: () => void
}

/** The rule's conditions: a list of field tests that must all match. */
export const ConditionList = ({
  kind,
  drafts,
  storedTree,
  fields,
  allowCustomProperties,
  fieldsLoading,
  fieldsError,
  errors,
  onChange,
  onReplaceTree,
}: ConditionListProps) => {
  const byName = new Map(fields.map((field) => [field.name, field]))
  const fieldFor = (name: string) =>
    byName.get(name) ??
    (allowCustomProperties ? customPropertyField(name) : undefined)
  const subject =
    kind === "fit"
      ? "Without conditions the rule matches every contact."
      : "Without conditions the rule matches every event of its type."

  return (
    <div className="flex flex-col gap-y-4" data-testid="scoring-rule-conditions">
      <div className="flex flex-col">
        <Heading level="h3">Conditions</Heading>
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {kind === "fit"
            ? "Which contacts get the points, by their attributes. All conditions must match."
            : "Which events give the points, by their properties. All conditions must match."}
        </Text>
      </div>

      {drafts === null ? (
        <div className="flex flex-col gap-y-3" data-testid="scoring-rule-conditions-json">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            These conditions use groups (or, not, nesting) that this editor
            cannot change. They are kept as they are when you save.
          </Text>
          <pre className="bg-ui-bg-subtle text-ui-fg-subtle shadow-borders-base txt-compact-xsmall max-h-[400px] overflow-auto whitespace-pre-wrap break-all rounded-md p-3 font-mono">
            {JSON.stringify(storedTree, null, 2)}
          </pre>
          <div>
            <Button
              type="button"
              size="small"
              variant="secondary"
              onClick={onReplaceTree}
            >
              Replace with a simple list
            </Button>
          </div>
        </div>
      ) : (
        <>
          {fieldsError ? (
            <Text size="small" leading="compact" className="text-ui-fg-error">
              The fields could not be loaded: {fieldsError}
            </Text>
          ) : null}
          {drafts.length === 0 ? (
            <Text size="small" leading="compact" className="text-ui-fg-muted">
              {subject}
            </Text>
          ) : (
            <ol className="flex flex-col gap-y-3">
              {drafts.map((draft, index) => (
                <ConditionRow
                  key={draft.key}
                  index={index}
                  draft={draft}
                  fields={fields}
                  field={fieldFor(draft.field)}
                  allowCustomProperty={allowCustomProperties}
                  error={errors[index]}
                  onChange={(update) =>
                    onChange((current) =>
                      current.map((item) =>
                        item.key === draft.key ? update(item) : item
                      )
                    )
                  }
                  onRemove={() =>
                    onChange((current) =>
                      current.filter((item) => item.key !== draft.key)
                    )
                  }
                />
              ))}
            </ol>
          )}
          <div>
            <Button
              type="button"
              size="small"
              variant="secondary"
              disabled={
                fieldsLoading && fields.length === 0 && !allowCustomProperties
              }
              onClick={() =>
                onChange((current) => [...current, emptyConditionDraft()])
              }
              data-testid="scoring-condition-add"
            >
              <Plus />
              Add condition
            </Button>
          </div>
        </>
      )}
    </div>
  )
}

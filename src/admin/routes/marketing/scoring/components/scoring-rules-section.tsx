import { Plus } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import { useCallback, useState } from "react"
import { ListTable } from "../../../../components/list-table"
import { useScoringRules } from "../../../../hooks/api/scoring"
import type { Recompute, ScoringRule } from "../../../../lib/types"
import { DeleteRulePrompt } from "./delete-rule-prompt"
import { ScoringRuleEditor } from "./rule-editor/scoring-rule-editor"
import { useScoringRulesTableColumns } from "./use-scoring-rules-table-columns"
import { useScoringRulesTableFilters } from "./use-scoring-rules-table-filters"
import {
  SCORING_RULES_PAGE_SIZE,
  useScoringRulesTableQuery,
} from "./use-scoring-rules-table-query"

type EditorState = { mode: "create" } | { mode: "edit"; rule: ScoringRule }

/** The scoring rules, with their editor and the delete prompt. */
export const ScoringRulesSection = ({
  onRecompute,
}: {
  /** A save or delete started a rebuild of every score. */
  onRecompute: (recompute: Recompute) => void
}) => {
  const [editor, setEditor] = useState<EditorState | null>(null)
  const query = useScoringRules(
    useScoringRulesTableQuery()
  )
  const onEdit = useCallback(
    (rule: ScoringRule) => setEditor({ mode: "edit", rule }),
    []
  )

  return (
    <ListTable
      heading="Rules"
      headingLevel="h2"
      description="Points for events (engagement, loyalty) and for who a contact is (fit)."
      data={query.scoring_rules}
      query={query}
      errorHeading="Scoring rules could not be loaded"
      columns={useScoringRulesTableColumns()}
      pageSize={SCORING_RULES_PAGE_SIZE}
      filters={useScoringRulesTableFilters()}
      onRowClick={onEdit}
      onEdit={onEdit}
      deletePrompt={(rule, onClose) => (
        <DeleteRulePrompt rule={rule} onClose={onClose} onRecompute={onRecompute} />
      )}
      testId="scoring-rules-table"
      emptyState={{
        empty: {
          heading: "No scoring rules yet",
          description:
            "Create a rule to give points for what contacts do or who they are.",
        },
        filtered: {
          heading: "No matching rules",
          description: "Try removing some filters.",
        },
      }}
      actions={
        <Button
          size="small"
          variant="secondary"
          onClick={() => setEditor({ mode: "create" })}
          data-testid="scoring-rule-create"
        >
          <Plus />
          Create rule
        </Button>
      }
    >
      {editor ? (
        <ScoringRuleEditor
          key={editor.mode === "edit" ? editor.rule.id : "new"}
          rule={editor.mode === "edit" ? editor.rule : undefined}
          onClose={() => setEditor(null)}
          onRecompute={onRecompute}
        />
      ) : null}
    </ListTable>
  )
}

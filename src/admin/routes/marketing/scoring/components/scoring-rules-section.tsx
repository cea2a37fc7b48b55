import { Plus } from "@medusajs/icons"
import {
  Button,
  Container,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  Heading,
  Text,
  createDataTableFilterHelper,
  useDataTable,
} from "@medusajs/ui"
import { useCallback, useMemo, useState } from "react"
import { useScoringRules } from "../../../../hooks/api/scoring"
import {
  SCORING_RULE_KINDS,
  SCORING_RULE_KIND_INFO,
} from "../../../../lib/scoring"
import type {
  Recompute,
  ScoringRule,
  ScoringRuleKind,
  ScoringRuleListParams,
} from "../../../../lib/types"
import { DeleteRulePrompt } from "./delete-rule-prompt"
import { ScoringRuleEditor } from "./rule-editor/scoring-rule-editor"
import { useScoringRulesTableColumns } from "./use-scoring-rules-table-columns"

const PAGE_SIZE = 20

const filterHelper = createDataTableFilterHelper<ScoringRule>()

const FILTERS = [
  filterHelper.accessor("kind", {
    type: "radio",
    label: "Kind",
    options: SCORING_RULE_KINDS.map((kind) => ({
      label: SCORING_RULE_KIND_INFO[kind].label,
      value: kind,
    })),
  }),
  filterHelper.accessor("active", {
    type: "radio",
    label: "Status",
    options: [
      { label: "Active", value: "true" },
      { label: "Paused", value: "false" },
    ],
  }),
]

const isKind = (value: unknown): value is ScoringRuleKind =>
  typeof value === "string" &&
  (SCORING_RULE_KINDS as string[]).includes(value)

type EditorState = { mode: "create" } | { mode: "edit"; rule: ScoringRule }

/** The scoring rules, with their editor and the delete prompt. */
export const ScoringRulesSection = ({
  onRecompute,
}: {
  /** A save or delete started a rebuild of every score. */
  onRecompute: (recompute: Recompute) => void
}) => {
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [editor, setEditor] = useState<EditorState | null>(null)
  const [deleting, setDeleting] = useState<ScoringRule | null>(null)

  const query: ScoringRuleListParams = useMemo(
    () => ({
      limit: PAGE_SIZE,
      offset: pagination.pageIndex * PAGE_SIZE,
      kind: isKind(filtering.kind) ? filtering.kind : undefined,
      active:
        filtering.active === "true"
          ? true
          : filtering.active === "false"
          ? false
          : undefined,
    }),
    [pagination.pageIndex, filtering]
  )
  const { scoring_rules, count, isPending, isError, error } =
    useScoringRules(query)

  const onEdit = useCallback(
    (rule: ScoringRule) => setEditor({ mode: "edit", rule }),
    []
  )
  const onDelete = useCallback((rule: ScoringRule) => setDeleting(rule), [])
  const columns = useScoringRulesTableColumns({ onEdit, onDelete })

  const table = useDataTable<ScoringRule>({
    data: scoring_rules ?? [],
    columns,
    filters: FILTERS,
    getRowId: (rule) => rule.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
    filtering: {
      state: filtering,
      onFilteringChange: (value) => {
        setFiltering(value)
        setPagination((prev) => ({ ...prev, pageIndex: 0 }))
      },
    },
    onRowClick: (event, row) => {
      // Clicks on the switch, the actions menu or inside its (portalled)
      // menu are not row clicks.
      const target = event.target as HTMLElement
      if (
        !event.currentTarget.contains(target) ||
        target.closest("button, [role='menuitem']")
      ) {
        return
      }
      // The row passed here is the table's row, whose id is the rule id.
      const rule = scoring_rules?.find((item) => item.id === row.id)
      if (rule) {
        onEdit(rule)
      }
    },
  })

  return (
    <>
      <Container className="flex flex-col overflow-hidden p-0">
        <DataTable instance={table}>
          <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
            <div className="flex flex-col">
              <Heading level="h2">Rules</Heading>
              <Text size="small" leading="compact" className="text-ui-fg-subtle">
                Points for events (engagement, loyalty) and for who a contact
                is (fit).
              </Text>
            </div>
            <div className="flex w-full items-center gap-2 md:w-auto">
              <DataTable.FilterMenu tooltip="Filter" />
              <Button
                size="small"
                variant="secondary"
                onClick={() => setEditor({ mode: "create" })}
                data-testid="scoring-rule-create"
              >
                <Plus />
                Create rule
              </Button>
            </div>
          </DataTable.Toolbar>
          {isError ? (
            <div className="flex min-h-[250px] flex-col items-center justify-center gap-y-1 border-y px-6 py-4">
              <Text size="small" weight="plus">
                Scoring rules could not be loaded
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                {error?.message ?? "Try again in a moment."}
              </Text>
            </div>
          ) : (
            <div
              className="flex min-h-0 flex-1 flex-col"
              data-testid="scoring-rules-table"
            >
              <DataTable.Table
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
              />
            </div>
          )}
          <DataTable.Pagination />
        </DataTable>
      </Container>

      {editor ? (
        <ScoringRuleEditor
          key={editor.mode === "edit" ? editor.rule.id : "new"}
          rule={editor.mode === "edit" ? editor.rule : undefined}
          onClose={() => setEditor(null)}
          onRecompute={onRecompute}
        />
      ) : null}
      {deleting ? (
        <DeleteRulePrompt
          rule={deleting}
          onClose={() => setDeleting(null)}
          onRecompute={onRecompute}
        />
      ) : null}
    </>
  )
}

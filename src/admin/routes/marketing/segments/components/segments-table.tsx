import { Plus, SquaresPlus } from "@medusajs/icons"
import {
  Button,
  Container,
  DataTable,
  DataTablePaginationState,
  Heading,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useCallback, useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { useSegments } from "../../../../hooks/api/segments"
import type { Segment, SegmentListParams } from "../../../../lib/types"
import { BuiltInSegmentsDrawer } from "./built-in-segments-drawer"
import { DeleteSegmentPrompt } from "./delete-segment-prompt"
import { SegmentEditor } from "./segment-editor"
import { useSegmentsTableColumns } from "./use-segments-table-columns"

const PAGE_SIZE = 20

type EditorState = { mode: "create" } | { mode: "edit"; segment: Segment }

/** The segments, with the editor, the built-ins and the delete prompt. */
export const SegmentsTable = () => {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const [search, setSearch] = useState("")
  const [editor, setEditor] = useState<EditorState | null>(null)
  const [builtInsOpen, setBuiltInsOpen] = useState(false)
  const [deleting, setDeleting] = useState<Segment | null>(null)

  const query: SegmentListParams = useMemo(
    () => ({
      limit: PAGE_SIZE,
      offset: pagination.pageIndex * PAGE_SIZE,
      q: search.trim() || undefined,
    }),
    [pagination.pageIndex, search]
  )
  const { segments, count, isPending, isError, error } = useSegments(query)

  const onEdit = useCallback(
    (segment: Segment) => setEditor({ mode: "edit", segment }),
    []
  )
  const onDelete = useCallback((segment: Segment) => setDeleting(segment), [])
  const columns = useSegmentsTableColumns({ onEdit, onDelete })

  const table = useDataTable<Segment>({
    data: segments ?? [],
    columns,
    getRowId: (segment) => segment.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
    search: {
      state: search,
      onSearchChange: (value) => {
        setSearch(value)
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
      navigate(`/marketing/segments/${row.id}`)
    },
  })

  return (
    <>
      <Container className="flex flex-col overflow-hidden p-0">
        <DataTable instance={table}>
          <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
            <div className="flex flex-col">
              <Heading level="h1">Segments</Heading>
              <Text size="small" leading="compact" className="text-ui-fg-subtle">
                Groups of contacts by who they are and what they do, kept up
                to date.
              </Text>
            </div>
            <div className="flex w-full items-center gap-2 md:w-auto">
              <DataTable.Search placeholder="Search by name" />
              <Button
                size="small"
                variant="secondary"
                onClick={() => setBuiltInsOpen(true)}
                data-testid="segment-add-built-in"
              >
                <SquaresPlus />
                Add built-in segment
              </Button>
              <Button
                size="small"
                variant="secondary"
                onClick={() => setEditor({ mode: "create" })}
                data-testid="segment-create"
              >
                <Plus />
                Create segment
              </Button>
            </div>
          </DataTable.Toolbar>
          {isError ? (
            <div className="flex min-h-[250px] flex-col items-center justify-center gap-y-1 border-y px-6 py-4">
              <Text size="small" weight="plus">
                Segments could not be loaded
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                {error?.message ?? "Try again in a moment."}
              </Text>
            </div>
          ) : (
            <div className="flex min-h-0 flex-1 flex-col" data-testid="segments-table">
              <DataTable.Table
                emptyState={{
                  empty: {
                    heading: "No segments yet",
                    description:
                      "Create a segment, or add a built-in one such as new customers or big spenders.",
                  },
                  filtered: {
                    heading: "No matching segments",
                    description: "Try another search.",
                  },
                }}
              />
            </div>
          )}
          <DataTable.Pagination />
        </DataTable>
      </Container>

      {editor ? (
        <SegmentEditor
          key={editor.mode === "edit" ? editor.segment.id : "new"}
          segment={editor.mode === "edit" ? editor.segment : undefined}
          onClose={() => setEditor(null)}
        />
      ) : null}
      {builtInsOpen ? (
        <BuiltInSegmentsDrawer onClose={() => setBuiltInsOpen(false)} />
      ) : null}
      {deleting ? (
        <DeleteSegmentPrompt segment={deleting} onClose={() => setDeleting(null)} />
      ) : null}
    </>
  )
}

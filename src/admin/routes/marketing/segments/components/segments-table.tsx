import { Plus, SquaresPlus } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import { useCallback, useState } from "react"
import { ListTable } from "../../../../components/list-table"
import { useSegments } from "../../../../hooks/api/segments"
import type { Segment } from "../../../../lib/types"
import { BuiltInSegmentsDrawer } from "./built-in-segments-drawer"
import { DeleteSegmentPrompt } from "./delete-segment-prompt"
import { SegmentEditor } from "./segment-editor"
import { useSegmentsTableColumns } from "./use-segments-table-columns"
import {
  SEGMENTS_PAGE_SIZE,
  useSegmentsTableQuery,
} from "./use-segments-table-query"

type EditorState = { mode: "create" } | { mode: "edit"; segment: Segment }

/** The segments, with the editor, the built-ins and the delete prompt. */
export const SegmentsTable = () => {
  const [editor, setEditor] = useState<EditorState | null>(null)
  const [builtInsOpen, setBuiltInsOpen] = useState(false)
  const query = useSegments(
    useSegmentsTableQuery()
  )
  const onEdit = useCallback(
    (segment: Segment) => setEditor({ mode: "edit", segment }),
    []
  )

  return (
    <ListTable
      heading="Segments"
      description="Groups of contacts by who they are and what they do, kept up to date."
      data={query.segments}
      query={query}
      columns={useSegmentsTableColumns()}
      pageSize={SEGMENTS_PAGE_SIZE}
      searchPlaceholder="Search by name"
      rowHref={(segment) => `/marketing/segments/${segment.id}`}
      onEdit={onEdit}
      deletePrompt={(segment, onClose) => (
        <DeleteSegmentPrompt segment={segment} onClose={onClose} />
      )}
      testId="segments-table"
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
      actions={
        <>
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
        </>
      }
    >
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
    </ListTable>
  )
}

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
import { Link, useNavigate } from "react-router-dom"
import { useTemplates } from "../../../../hooks/api/templates"
import type { EmailTemplate, TemplateListParams } from "../../../../lib/types"
import { DeleteTemplatePrompt } from "./delete-template-prompt"
import { StarterTemplatesDrawer } from "./starter-templates-drawer"
import { useTemplatesTableColumns } from "./use-templates-table-columns"

const PAGE_SIZE = 20

/** The email templates, with the starters drawer and the delete prompt. */
export const TemplatesTable = () => {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const [search, setSearch] = useState("")
  const [startersOpen, setStartersOpen] = useState(false)
  const [deleting, setDeleting] = useState<EmailTemplate | null>(null)

  const query: TemplateListParams = useMemo(
    () => ({
      limit: PAGE_SIZE,
      offset: pagination.pageIndex * PAGE_SIZE,
      q: search.trim() || undefined,
    }),
    [pagination.pageIndex, search]
  )
  const { templates, count, isPending, isError, error } = useTemplates(query)

  const onEdit = useCallback(
    (template: EmailTemplate) => navigate(`/marketing/templates/${template.id}`),
    [navigate]
  )
  const onDelete = useCallback(
    (template: EmailTemplate) => setDeleting(template),
    []
  )
  const columns = useTemplatesTableColumns({ onEdit, onDelete })

  const table = useDataTable<EmailTemplate>({
    data: templates ?? [],
    columns,
    getRowId: (template) => template.id,
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
      // Clicks on the actions menu or inside its (portalled) menu are not
      // row clicks.
      const target = event.target as HTMLElement
      if (
        !event.currentTarget.contains(target) ||
        target.closest("button, [role='menuitem']")
      ) {
        return
      }
      navigate(`/marketing/templates/${row.id}`)
    },
  })

  return (
    <>
      <Container className="flex flex-col overflow-hidden p-0">
        <DataTable instance={table}>
          <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
            <div className="flex flex-col">
              <Heading level="h1">Templates</Heading>
              <Text size="small" leading="compact" className="text-ui-fg-subtle">
                The emails your flows and your team send, with their subject,
                body and plain text.
              </Text>
            </div>
            <div className="flex w-full items-center gap-2 md:w-auto">
              <DataTable.Search placeholder="Search by name" />
              <Button
                size="small"
                variant="secondary"
                onClick={() => setStartersOpen(true)}
                data-testid="template-add-starters"
              >
                <SquaresPlus />
                Add starter templates
              </Button>
              <Button size="small" variant="secondary" asChild>
                <Link to="/marketing/templates/create" data-testid="template-create">
                  <Plus />
                  Create
                </Link>
              </Button>
            </div>
          </DataTable.Toolbar>
          {isError ? (
            <div className="flex min-h-[250px] flex-col items-center justify-center gap-y-1 border-y px-6 py-4">
              <Text size="small" weight="plus">
                Templates could not be loaded
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                {error?.message ?? "Try again in a moment."}
              </Text>
            </div>
          ) : (
            <div className="flex min-h-0 flex-1 flex-col" data-testid="templates-table">
              <DataTable.Table
                emptyState={{
                  empty: {
                    heading: "No templates yet",
                    description:
                      "Create a template, or add the starters: welcome, abandoned cart, win-back and more.",
                  },
                  filtered: {
                    heading: "No matching templates",
                    description: "Try another search.",
                  },
                }}
              />
            </div>
          )}
          <DataTable.Pagination />
        </DataTable>
      </Container>

      {startersOpen ? (
        <StarterTemplatesDrawer onClose={() => setStartersOpen(false)} />
      ) : null}
      {deleting ? (
        <DeleteTemplatePrompt
          template={deleting}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </>
  )
}

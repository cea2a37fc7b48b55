import { PencilSquare, Trash } from "@medusajs/icons"
import {
  Container,
  DataTable,
  Heading,
  Text,
  createDataTableColumnHelper,
  useDataTable,
  type DataTableColumnDef,
  type DataTableFilter,
  type DataTableFilteringState,
  type VisibilityState,
} from "@medusajs/ui"
import { useMemo, useState, type ReactNode } from "react"
import { useNavigate } from "react-router-dom"
import type { Action } from "./action-menu"
import { useListTableUrlState } from "./list-table-url-state"

type Row = { id: string }

type EmptyState = { heading: string; description: string }

/** One item of a row's menu (the same shape as a page header's menu). */
export type RowAction = Action

type ListQueryState = {
  count?: number
  isPending: boolean
  isError: boolean
  error?: Error | null
}

export type ListTableProps<TData extends Row> = {
  heading: string
  /** "h2" when the list is one section of a page. */
  headingLevel?: "h1" | "h2"
  description: string
  data: TData[] | undefined
  /** The list query's state. */
  query: ListQueryState
  /** "<heading> could not be loaded" unless given. */
  errorHeading?: string
  columns: DataTableColumnDef<TData, any>[]
  pageSize: number
  filters?: DataTableFilter[]
  normalizeFilters?: (filtering: DataTableFilteringState) => DataTableFilteringState
  /** Turns on the sort menu; the order when the URL has none. */
  defaultOrder?: string
  /** Turns on the search box. */
  searchPlaceholder?: string
  /** Turns on the columns menu. */
  initialColumnVisibility?: VisibilityState
  /** Buttons at the right of the toolbar. */
  actions?: ReactNode
  /** Where a row click goes... */
  rowHref?: (row: TData) => string
  /** ...or what it does. */
  onRowClick?: (row: TData) => void
  /** Adds "Edit" to each row's menu. */
  onEdit?: (row: TData) => void
  /** More items for a row's menu, between "Edit" and "Delete". */
  rowActions?: (row: TData) => RowAction[]
  /** Adds "Delete" to each row's menu; renders the prompt it opens. */
  deletePrompt?: (row: TData, onClose: () => void) => ReactNode
  /** Which rows offer "Delete" (all when not given). */
  canDelete?: (row: TData) => boolean
  emptyState: { empty: EmptyState; filtered: EmptyState }
  testId: string
  /** Editors and drawers the page opens. */
  children?: ReactNode
}

/**
 * A list page's table: heading, toolbar (filters, sort, columns, search and
 * the page's buttons), the rows with their menu, the error and empty states,
 * pagination and the delete prompt. Its state is in the URL.
 */
export const ListTable = <TData extends Row>({
  heading,
  headingLevel = "h1",
  description,
  data,
  query: { count, isPending, isError, error },
  errorHeading = `${heading} could not be loaded`,
  columns,
  pageSize,
  filters,
  normalizeFilters,
  defaultOrder,
  searchPlaceholder,
  initialColumnVisibility,
  actions,
  rowHref,
  onRowClick,
  onEdit,
  rowActions,
  deletePrompt,
  canDelete,
  emptyState,
  testId,
  children,
}: ListTableProps<TData>) => {
  const navigate = useNavigate()
  const state = useListTableUrlState({
    pageSize,
    filters,
    defaultOrder,
    normalizeFilters,
  })
  const [deleting, setDeleting] = useState<TData | null>(null)
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(
    initialColumnVisibility ?? {}
  )

  const withActions = useMemo(
    () =>
      onEdit || deletePrompt || rowActions
        ? [
            ...columns,
            rowActionsColumn<TData>(
              onEdit,
              deletePrompt ? setDeleting : undefined,
              rowActions,
              canDelete
            ),
          ]
        : columns,
    // Only whether there is a prompt matters here, not the render function.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columns, onEdit, Boolean(deletePrompt), rowActions, canDelete]
  )

  const table = useDataTable<TData>({
    data: data ?? [],
    columns: withActions,
    filters,
    getRowId: (row) => row.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination: state.pagination,
    search: searchPlaceholder ? state.search : undefined,
    sorting: state.sorting,
    filtering: state.filtering,
    columnVisibility: initialColumnVisibility
      ? { state: columnVisibility, onColumnVisibilityChange: setColumnVisibility }
      : undefined,
    onRowClick:
      rowHref || onRowClick
        ? (event, row) => {
            // Clicks on a row's switch, its menu or inside that (portalled)
            // menu are not row clicks.
            const target = event.target as HTMLElement
            if (
              !event.currentTarget.contains(target) ||
              target.closest("button, [role='menuitem']")
            ) {
              return
            }
            // @medusajs/ui 4.2.6 hands over the table's row, not the record its types promise.
            const record = ((row as unknown as { original?: TData }).original ?? row) as TData
            rowHref ? navigate(rowHref(record)) : onRowClick?.(record)
          }
        : undefined,
  })

  return (
    <>
      <Container className="flex flex-col overflow-hidden p-0">
        <DataTable instance={table}>
          <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
            <div className="flex flex-col">
              <Heading level={headingLevel}>{heading}</Heading>
              <Text size="small" leading="compact" className="text-ui-fg-subtle">
                {description}
              </Text>
            </div>
            <div className="flex w-full items-center gap-2 md:w-auto">
              {filters?.length ? <DataTable.FilterMenu tooltip="Filter" /> : null}
              {defaultOrder ? <DataTable.SortingMenu tooltip="Sort" /> : null}
              {initialColumnVisibility ? (
                <DataTable.ColumnVisibilityMenu tooltip="Columns" />
              ) : null}
              {searchPlaceholder ? (
                <DataTable.Search placeholder={searchPlaceholder} />
              ) : null}
              {actions}
            </div>
          </DataTable.Toolbar>
          {isError ? (
            <div className="flex min-h-[250px] flex-col items-center justify-center gap-y-1 border-y px-6 py-4">
              <Text size="small" weight="plus">
                {errorHeading}
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                {error?.message ?? "Try again in a moment."}
              </Text>
            </div>
          ) : (
            <div className="flex min-h-0 flex-1 flex-col" data-testid={testId}>
              <DataTable.Table emptyState={emptyState} />
            </div>
          )}
          <DataTable.Pagination />
        </DataTable>
      </Container>
      {children}
      {deleting && deletePrompt
        ? deletePrompt(deleting, () => setDeleting(null))
        : null}
    </>
  )
}

/** The row menu: "Edit" and the list's own items, then "Delete" in its own group. */
const rowActionsColumn = <TData extends Row>(
  onEdit?: (row: TData) => void,
  onDelete?: (row: TData) => void,
  rowActions?: (row: TData) => RowAction[],
  canDelete?: (row: TData) => boolean
) =>
  createDataTableColumnHelper<TData>().action({
    actions: ({ row }) =>
      [
        [
          ...(onEdit
            ? [{ label: "Edit", icon: <PencilSquare />, onClick: () => onEdit(row.original) }]
            : []),
          ...(rowActions?.(row.original) ?? []),
        ],
        onDelete && (canDelete?.(row.original) ?? true)
          ? [{ label: "Delete", icon: <Trash />, onClick: () => onDelete(row.original) }]
          : [],
      ].filter((group) => group.length > 0),
  })

/** A name cell: the name (with an optional badge) over its description. */
export const NameCell = ({
  name,
  description,
  badge,
  className,
}: {
  name: string
  description?: string | null
  badge?: ReactNode
  className?: string
}) => (
  <span
    className={className ?? "flex min-w-0 flex-col"}
    title={description ?? name}
  >
    <span className="flex min-w-0 items-center gap-x-2">
      <span className="truncate">{name}</span>
      {badge}
    </span>
    {description ? (
      <Text
        as="span"
        size="xsmall"
        leading="compact"
        className="text-ui-fg-muted truncate"
      >
        {description}
      </Text>
    ) : null}
  </span>
)

/**
 * The "Name" column's options: the name, an optional badge, the description
 * under it.
 */
export const nameColumn = <TData extends { name: string; description?: string | null }>(
  badge?: (row: TData) => ReactNode,
  className?: string
) => ({
  header: "Name",
  cell: ({ row }: { row: { original: TData } }) => (
    <NameCell
      className={className}
      name={row.original.name}
      description={row.original.description}
      badge={badge?.(row.original)}
    />
  ),
})

import {
  Container,
  DataTable,
  Heading,
  Text,
  VisibilityState,
  useDataTable,
} from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { useContacts } from "../../../../hooks/api/contacts"
import type { Contact } from "../../../../lib/types"
import {
  INITIALLY_HIDDEN_COLUMNS,
  useContactsTableColumns,
} from "./use-contacts-table-columns"
import { useContactsTableFilters } from "./use-contacts-table-filters"
import { useContactsTableState } from "./use-contacts-table-state"

export const ContactsTable = () => {
  const navigate = useNavigate()
  const { query, pagination, sorting, search, filtering } =
    useContactsTableState()
  const { contacts, count, isPending, isError, error } = useContacts(query)

  const columns = useContactsTableColumns()
  const filters = useContactsTableFilters()
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(
    INITIALLY_HIDDEN_COLUMNS
  )

  const table = useDataTable<Contact>({
    data: contacts ?? [],
    columns,
    filters,
    getRowId: (contact) => contact.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination,
    sorting,
    search,
    filtering,
    columnVisibility: {
      state: columnVisibility,
      onColumnVisibilityChange: setColumnVisibility,
    },
    // The row passed here is the table's row, whose id is the contact id.
    onRowClick: (_event, row) => navigate(`/marketing/contacts/${row.id}`),
  })

  return (
    <Container className="flex flex-col overflow-hidden p-0">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
          <div className="flex flex-col">
            <Heading level="h1">Contacts</Heading>
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              Shoppers the store has seen, known and anonymous.
            </Text>
          </div>
          <div className="flex w-full items-center gap-2 md:w-auto">
            <DataTable.FilterMenu tooltip="Filter" />
            <DataTable.SortingMenu tooltip="Sort" />
            <DataTable.ColumnVisibilityMenu tooltip="Columns" />
            <DataTable.Search placeholder="Search by email" />
          </div>
        </DataTable.Toolbar>
        {isError ? (
          <div className="flex min-h-[250px] flex-col items-center justify-center gap-y-1 border-y px-6 py-4">
            <Text size="small" weight="plus">
              Contacts could not be loaded
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {error?.message ?? "Try again in a moment."}
            </Text>
          </div>
        ) : (
          <div
            className="flex min-h-0 flex-1 flex-col"
            data-testid="marketing-contacts-table"
          >
            <DataTable.Table
              emptyState={{
                empty: {
                  heading: "No contacts yet",
                  description:
                    "Contacts appear as soon as shoppers visit the storefront, sign up or place an order.",
                },
                filtered: {
                  heading: "No matching contacts",
                  description: "Try another search or remove some filters.",
                },
              }}
            />
          </div>
        )}
        <DataTable.Pagination />
      </DataTable>
    </Container>
  )
}

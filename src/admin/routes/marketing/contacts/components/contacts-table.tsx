import { Button } from "@medusajs/ui"
import { useState } from "react"
import { ContactExportDrawer } from "../../../../components/contact-export-drawer"
import { ListTable } from "../../../../components/list-table"
import { exportFiltersOf } from "../../../../lib/exports/types"
import { useContacts } from "../../../../hooks/api/contacts"
import {
  INITIALLY_HIDDEN_COLUMNS,
  useContactsTableColumns,
} from "./use-contacts-table-columns"
import { useContactsTableFilters } from "./use-contacts-table-filters"
import {
  CONTACTS_PAGE_SIZE,
  DEFAULT_ORDER,
  normalizeContactsFilters,
  useContactsTableQuery,
} from "./use-contacts-table-query"

export const ContactsTable = () => {
  const params = useContactsTableQuery()
  const query = useContacts(params)
  const [exporting, setExporting] = useState(false)

  return (
    <ListTable
      heading="Contacts"
      description="Shoppers the store has seen, known and anonymous."
      data={query.contacts}
      query={query}
      columns={useContactsTableColumns()}
      pageSize={CONTACTS_PAGE_SIZE}
      filters={useContactsTableFilters()}
      normalizeFilters={normalizeContactsFilters}
      defaultOrder={DEFAULT_ORDER}
      searchPlaceholder="Search by email, visitor, cart or customer id"
      initialColumnVisibility={INITIALLY_HIDDEN_COLUMNS}
      rowHref={(contact) => `/marketing/contacts/${contact.id}`}
      testId="marketing-contacts-table"
      actions={
        <Button size="small" variant="secondary" onClick={() => setExporting(true)} data-testid="contacts-export">
          Export
        </Button>
      }
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
    >
      {exporting ? (
        <ContactExportDrawer source={{ kind: "list", filters: exportFiltersOf(params) }} onClose={() => setExporting(false)} />
      ) : null}
    </ListTable>
  )
}

import {
  Badge,
  Container,
  DataTable,
  Heading,
  Text,
  createDataTableColumnHelper,
  useDataTable,
  type DataTablePaginationState,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { RelativeTime } from "../../../../components/relative-time"
import { useFormSubmissions } from "../../../../hooks/api/forms"
import type { FormSubmission } from "../../../../lib/forms"

const PAGE_SIZE = 10
const columnHelper = createDataTableColumnHelper<FormSubmission>()

const describeValues = (s: FormSubmission) =>
  Object.entries(s.values ?? {})
    .filter(([k]) => k !== "email")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(", ")

/** Who submitted the form, with what and which consent, newest first. */
export const FormSubmissionsSection = ({ formId }: { formId: string }) => {
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const query = useFormSubmissions(formId, { limit: PAGE_SIZE, offset: pagination.pageIndex * PAGE_SIZE })
  const columns = useMemo(
    () => [
      columnHelper.accessor("email", {
        header: "Email",
        cell: ({ row }) =>
          row.original.contact_id ? (
            <Link className="text-ui-fg-interactive" to={`/marketing/contacts/${row.original.contact_id}`}>
              {row.original.email}
            </Link>
          ) : (
            row.original.email
          ),
      }),
      columnHelper.accessor("variant", { header: "Variant", cell: ({ getValue }) => String(getValue()).toUpperCase() }),
      columnHelper.accessor("consent_given", {
        header: "Consent",
        cell: ({ row }) => (
          <Badge size="2xsmall" color={row.original.consent_given ? "green" : "grey"} title={row.original.consent_text ?? ""}>
            {row.original.consent_given
              ? row.original.consent_topics?.length
                ? row.original.consent_topics.join(", ")
                : "Given"
              : "Not given"}
          </Badge>
        ),
      }),
      columnHelper.display({
        id: "values",
        header: "Fields",
        cell: ({ row }) => <span className="block max-w-[280px] truncate" title={describeValues(row.original)}>{describeValues(row.original) || "–"}</span>,
      }),
      columnHelper.accessor("created_at", {
        header: "Submitted",
        cell: ({ getValue }) => <RelativeTime date={getValue()} className="text-ui-fg-subtle" />,
      }),
    ],
    []
  )
  const table = useDataTable<FormSubmission>({
    data: query.submissions ?? [],
    columns,
    getRowId: (row) => row.id,
    rowCount: query.count ?? 0,
    isLoading: query.isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="flex flex-col overflow-hidden p-0">
      <DataTable instance={table}>
        <DataTable.Toolbar>
          <div className="flex flex-col">
            <Heading level="h2">Submissions</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Each with the consent text the shopper saw.
            </Text>
          </div>
        </DataTable.Toolbar>
        <div data-testid="form-submissions">
          <DataTable.Table emptyState={{ empty: { heading: "No submissions yet", description: "They appear here as shoppers sign up." } }} />
        </div>
        <DataTable.Pagination />
      </DataTable>
    </Container>
  )
}

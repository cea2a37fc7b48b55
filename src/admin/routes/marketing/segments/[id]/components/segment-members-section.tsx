import {
  Container,
  DataTable,
  DataTablePaginationState,
  Heading,
  Text,
  createDataTableColumnHelper,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { LifecycleStageBadge } from "../../../../../components/lifecycle-stage-badge"
import { RelativeTime } from "../../../../../components/relative-time"
import { useSegmentMembers } from "../../../../../hooks/api/segments"
import { getContactName, getContactTitle } from "../../../../../lib/format"
import { formatScore } from "../../../../../lib/scoring"
import type { SegmentMember } from "../../../../../lib/types"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<SegmentMember>()

const useMemberColumns = () =>
  useMemo(
    () => [
      columnHelper.accessor("email", {
        header: "Contact",
        cell: ({ row }) => {
          const contact = row.original
          const name = getContactName(contact)
          return (
            <span className="flex min-w-0 flex-col">
              <Link
                to={`/marketing/contacts/${contact.id}`}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover transition-fg truncate"
                data-testid="segment-member-link"
              >
                {getContactTitle(contact)}
              </Link>
              {name ? (
                <Text
                  as="span"
                  size="xsmall"
                  leading="compact"
                  className="text-ui-fg-muted truncate"
                >
                  {name}
                </Text>
              ) : null}
            </span>
          )
        },
      }),
      columnHelper.accessor("lifecycle_stage", {
        header: "Stage",
        cell: ({ getValue }) => <LifecycleStageBadge stage={getValue()} />,
      }),
      columnHelper.accessor("acquisition_score", {
        header: "Acquisition",
        align: "right",
        cell: ({ getValue }) => formatScore(getValue()),
      }),
      columnHelper.accessor("loyalty_score", {
        header: "Loyalty",
        align: "right",
        cell: ({ getValue }) => formatScore(getValue()),
      }),
      columnHelper.accessor("entered_at", {
        header: "Entered",
        cell: ({ getValue }) => (
          <RelativeTime date={getValue()} className="text-ui-fg-subtle" />
        ),
      }),
    ],
    []
  )

/** Who is in the segment, the latest to enter first; rows open the contact. */
export const SegmentMembersSection = ({
  segmentId,
  building,
}: {
  segmentId: string
  /** The members were never computed yet. */
  building: boolean
}) => {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const { contacts, count, isPending, isError, error } = useSegmentMembers(
    segmentId,
    { limit: PAGE_SIZE, offset: pagination.pageIndex * PAGE_SIZE },
    // Follow the first build.
    { refetchInterval: building ? 2000 : false }
  )
  const columns = useMemberColumns()

  const table = useDataTable<SegmentMember>({
    data: contacts ?? [],
    columns,
    getRowId: (contact) => contact.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (event, row) => {
      if ((event.target as HTMLElement).closest("a")) {
        return
      }
      navigate(`/marketing/contacts/${row.id}`)
    },
  })

  return (
    <Container className="flex flex-col overflow-hidden p-0">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
          <div className="flex flex-col">
            <Heading level="h2">Members</Heading>
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              Contacts in the segment now.
            </Text>
          </div>
        </DataTable.Toolbar>
        {isError ? (
          <div className="flex min-h-[250px] flex-col items-center justify-center gap-y-1 border-y px-6 py-4">
            <Text size="small" weight="plus">
              Members could not be loaded
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {error?.message ?? "Try again in a moment."}
            </Text>
          </div>
        ) : (
          <div className="flex min-h-0 flex-1 flex-col" data-testid="segment-members-table">
            <DataTable.Table
              emptyState={{
                empty: {
                  heading: building ? "Computing members…" : "No members yet",
                  description: building
                    ? "The segment's members are being computed."
                    : "Contacts join as soon as they match the conditions.",
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

import { Text, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { EnrollmentStatusBadge } from "../../../../../../components/enrollment-status-badge"
import { NameCell } from "../../../../../../components/list-table"
import { RelativeTime } from "../../../../../../components/relative-time"
import { describeEnrollmentEnd, stepLabelIn } from "../../../../../../lib/flows"
import { getContactName, getContactTitle } from "../../../../../../lib/format"
import type { FlowDefinition, FlowEnrollment } from "../../../../../../lib/types"

const columnHelper = createDataTableColumnHelper<FlowEnrollment>()

/** The definition an enrollment runs: its version's, else the flow's draft. */
export type DefinitionOf = (enrollment: FlowEnrollment) => Partial<FlowDefinition> | undefined

export const useEnrollmentsTableColumns = (definitionOf: DefinitionOf) =>
  useMemo(
    () => [
      columnHelper.display({
        id: "contact",
        header: "Contact",
        cell: ({ row }) => {
          const contact = row.original.contact
          return (
            <span data-testid="enrollment-contact">
              <NameCell
                className="flex min-w-0 max-w-[280px] flex-col"
                name={contact ? getContactTitle(contact) : row.original.contact_id}
                description={contact ? getContactName(contact) : null}
              />
            </span>
          )
        },
      }),
      columnHelper.accessor("status", {
        header: "Status",
        cell: ({ getValue }) => <EnrollmentStatusBadge status={getValue()} />,
      }),
      columnHelper.display({
        id: "current_step",
        header: "Current step",
        cell: ({ row }) => {
          const e = row.original
          const text = e.current_step_id
            ? stepLabelIn(definitionOf(e), e.current_step_id)
            : describeEnrollmentEnd(e, definitionOf(e)) ?? "-"
          return (
            <Text
              size="small"
              className={e.current_step_id ? "max-w-[240px] truncate" : "text-ui-fg-subtle max-w-[240px] truncate"}
              title={text}
              data-testid="enrollment-step"
            >
              {text}
            </Text>
          )
        },
      }),
      columnHelper.accessor("entered_at", {
        header: "Entered",
        cell: ({ getValue }) => <RelativeTime date={getValue()} />,
      }),
      columnHelper.accessor("next_run_at", {
        header: "Next run",
        cell: ({ row }) =>
          row.original.status === "active" ? <RelativeTime date={row.original.next_run_at} /> : <span>-</span>,
      }),
    ],
    [definitionOf]
  )

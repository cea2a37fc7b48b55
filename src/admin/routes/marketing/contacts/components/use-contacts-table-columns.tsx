import { Text, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { ContactStatusBadge } from "../../../../components/contact-status-badge"
import { LifecycleStageBadge } from "../../../../components/lifecycle-stage-badge"
import { RelativeTime } from "../../../../components/relative-time"
import {
  ANONYMOUS_CONTACT_LABEL,
  formatCountry,
  formatDevice,
  getContactName,
  shortId,
} from "../../../../lib/format"
import { formatScore } from "../../../../lib/scoring"
import type { Contact } from "../../../../lib/types"

const columnHelper = createDataTableColumnHelper<Contact>()

const Muted = ({ children }: { children: string | null | undefined }) =>
  children ? (
    <span>{children}</span>
  ) : (
    <span className="text-ui-fg-muted">-</span>
  )

export const useContactsTableColumns = () =>
  useMemo(
    () => [
      columnHelper.accessor("email", {
        header: "Contact",
        enableSorting: true,
        sortLabel: "Email",
        sortAscLabel: "A-Z",
        sortDescLabel: "Z-A",
        cell: ({ row }) => {
          const contact = row.original
          if (contact.email) {
            return <span title={contact.email}>{contact.email}</span>
          }
          return (
            <span className="flex items-center gap-x-1.5">
              <span className="text-ui-fg-subtle">
                {ANONYMOUS_CONTACT_LABEL}
              </span>
              <Text
                as="span"
                size="xsmall"
                leading="compact"
                className="text-ui-fg-muted font-mono"
              >
                {shortId(contact.id)}
              </Text>
            </span>
          )
        },
      }),
      columnHelper.accessor((contact) => getContactName(contact), {
        id: "name",
        header: "Name",
        cell: ({ getValue }) => <Muted>{getValue()}</Muted>,
      }),
      columnHelper.accessor("country_code", {
        header: "Country",
        cell: ({ getValue }) => <Muted>{formatCountry(getValue())}</Muted>,
      }),
      columnHelper.accessor("device_type", {
        header: "Device",
        cell: ({ getValue }) => <Muted>{formatDevice(getValue())}</Muted>,
      }),
      columnHelper.accessor("first_utm_source", {
        header: "Source",
        cell: ({ getValue }) => <Muted>{getValue()}</Muted>,
      }),
      columnHelper.accessor("lifecycle_stage", {
        header: "Stage",
        cell: ({ getValue }) =>
          getValue() ? (
            <LifecycleStageBadge stage={getValue()} />
          ) : (
            <Muted>{null}</Muted>
          ),
      }),
      columnHelper.accessor("acquisition_score", {
        header: "Acquisition",
        align: "right",
        enableSorting: true,
        sortLabel: "Acquisition score",
        sortAscLabel: "Lowest first",
        sortDescLabel: "Highest first",
        cell: ({ getValue }) => <span>{formatScore(getValue())}</span>,
      }),
      columnHelper.accessor("loyalty_score", {
        header: "Loyalty",
        align: "right",
        enableSorting: true,
        sortLabel: "Loyalty score",
        sortAscLabel: "Lowest first",
        sortDescLabel: "Highest first",
        cell: ({ getValue }) => <span>{formatScore(getValue())}</span>,
      }),
      columnHelper.display({
        id: "status",
        header: "Status",
        cell: ({ row }) => <ContactStatusBadge contact={row.original} />,
      }),
      columnHelper.accessor("first_seen_at", {
        header: "First seen",
        enableSorting: true,
        sortAscLabel: "Oldest first",
        sortDescLabel: "Newest first",
        cell: ({ getValue }) => <RelativeTime date={getValue()} />,
      }),
      columnHelper.accessor("last_seen_at", {
        header: "Last seen",
        enableSorting: true,
        sortAscLabel: "Least recent first",
        sortDescLabel: "Most recent first",
        cell: ({ getValue }) => <RelativeTime date={getValue()} />,
      }),
    ],
    []
  )

/**
 * Columns the owner can show from the columns menu; hidden at first. The
 * status repeats what the contact column says ("Anonymous visitor"), and
 * leaves room for the scores.
 */
export const INITIALLY_HIDDEN_COLUMNS = { first_seen_at: false, status: false }

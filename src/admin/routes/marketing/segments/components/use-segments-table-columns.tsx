import { PencilSquare, Trash } from "@medusajs/icons"
import { Badge, Text, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { RelativeTime } from "../../../../components/relative-time"
import { Sparkline } from "../../../../components/sparkline"
import type { Segment } from "../../../../lib/types"
import { SegmentMemberCount } from "./segment-member-count"
import { SegmentMirrorSwitch } from "./segment-mirror-switch"

const columnHelper = createDataTableColumnHelper<Segment>()

export const useSegmentsTableColumns = ({
  onEdit,
  onDelete,
}: {
  onEdit: (segment: Segment) => void
  onDelete: (segment: Segment) => void
}) =>
  useMemo(
    () => [
      columnHelper.accessor("name", {
        header: "Name",
        cell: ({ row }) => {
          const segment = row.original
          return (
            <span
              className="flex min-w-0 flex-col"
              title={segment.description ?? segment.name}
            >
              <span className="flex min-w-0 items-center gap-x-2">
                <span className="truncate">{segment.name}</span>
                {segment.built_in_key ? (
                  <Badge size="2xsmall" color="blue" data-testid="segment-built-in">
                    Built-in
                  </Badge>
                ) : null}
              </span>
              {segment.description ? (
                <Text
                  as="span"
                  size="xsmall"
                  leading="compact"
                  className="text-ui-fg-muted truncate"
                >
                  {segment.description}
                </Text>
              ) : null}
            </span>
          )
        },
      }),
      columnHelper.accessor("member_count", {
        header: "Members",
        align: "right",
        cell: ({ row }) => <SegmentMemberCount segment={row.original} />,
      }),
      columnHelper.display({
        id: "trend",
        header: "Last 30 days",
        cell: ({ row }) => (
          <Sparkline points={row.original.trend ?? []} testId="segment-sparkline" />
        ),
      }),
      columnHelper.accessor("mirror_to_customer_group", {
        header: "Customer group",
        cell: ({ row }) => <SegmentMirrorSwitch segment={row.original} />,
      }),
      columnHelper.accessor("built_at", {
        header: "Updated",
        cell: ({ getValue }) => (
          <RelativeTime date={getValue()} className="text-ui-fg-subtle" />
        ),
      }),
      columnHelper.action({
        actions: ({ row }) => [
          [
            {
              label: "Edit",
              icon: <PencilSquare />,
              onClick: () => onEdit(row.original),
            },
          ],
          [
            {
              label: "Delete",
              icon: <Trash />,
              onClick: () => onDelete(row.original),
            },
          ],
        ],
      }),
    ],
    [onEdit, onDelete]
  )

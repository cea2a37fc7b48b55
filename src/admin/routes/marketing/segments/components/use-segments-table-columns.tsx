import { Badge, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { nameColumn } from "../../../../components/list-table"
import { RelativeTime } from "../../../../components/relative-time"
import { Sparkline } from "../../../../components/sparkline"
import type { Segment } from "../../../../lib/types"
import { SegmentMemberCount } from "./segment-member-count"
import { SegmentMirrorSwitch } from "./segment-mirror-switch"

const columnHelper = createDataTableColumnHelper<Segment>()

export const useSegmentsTableColumns = () =>
  useMemo(
    () => [
      columnHelper.accessor(
        "name",
        nameColumn<Segment>((segment) =>
          segment.built_in_key ? (
            <Badge size="2xsmall" color="blue" data-testid="segment-built-in">
              Built-in
            </Badge>
          ) : null
        )
      ),
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
    ],
    []
  )

import { createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { nameColumn } from "../../../../components/list-table"
import { EventTypeBadge } from "../../../../components/event-type-badge"
import { ScoreDeltaBadge } from "../../../../components/score-delta-badge"
import { formatCap } from "../../../../lib/scoring"
import type { ScoringRule } from "../../../../lib/types"
import { RuleActiveSwitch } from "./rule-active-switch"
import { ScoringRuleKindBadge } from "./scoring-rule-kind-badge"

const columnHelper = createDataTableColumnHelper<ScoringRule>()

const Muted = ({ children }: { children: string | null | undefined }) =>
  children ? (
    <span>{children}</span>
  ) : (
    <span className="text-ui-fg-muted">-</span>
  )

export const useScoringRulesTableColumns = () =>
  useMemo(
    () => [
      columnHelper.accessor("name", nameColumn<ScoringRule>()),
      columnHelper.accessor("kind", {
        header: "Kind",
        cell: ({ getValue }) => <ScoringRuleKindBadge kind={getValue()} />,
      }),
      columnHelper.accessor("event_type", {
        header: "Event",
        cell: ({ row }) =>
          row.original.event_type ? (
            <EventTypeBadge type={row.original.event_type} />
          ) : (
            <span className="text-ui-fg-muted">Contact attributes</span>
          ),
      }),
      columnHelper.accessor("points", {
        header: "Points",
        align: "right",
        cell: ({ getValue }) => <ScoreDeltaBadge delta={getValue()} />,
      }),
      columnHelper.display({
        id: "cap",
        header: "Cap",
        cell: ({ row }) => <Muted>{formatCap(row.original)}</Muted>,
      }),
      columnHelper.accessor("active", {
        header: "Active",
        cell: ({ row }) => <RuleActiveSwitch rule={row.original} />,
      }),
    ],
    []
  )

import { PencilSquare, Trash } from "@medusajs/icons"
import { Text, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
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

export const useScoringRulesTableColumns = ({
  onEdit,
  onDelete,
}: {
  onEdit: (rule: ScoringRule) => void
  onDelete: (rule: ScoringRule) => void
}) =>
  useMemo(
    () => [
      columnHelper.accessor("name", {
        header: "Name",
        cell: ({ row }) => {
          const rule = row.original
          return (
            <span className="flex min-w-0 flex-col" title={rule.description ?? rule.name}>
              <span className="truncate">{rule.name}</span>
              {rule.description ? (
                <Text
                  as="span"
                  size="xsmall"
                  leading="compact"
                  className="text-ui-fg-muted truncate"
                >
                  {rule.description}
                </Text>
              ) : null}
            </span>
          )
        },
      }),
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

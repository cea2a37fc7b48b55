import { Plus } from "@medusajs/icons"
import { Button, createDataTableColumnHelper, Text } from "@medusajs/ui"
import { useCallback, useMemo, useState } from "react"
import { DeletePrompt } from "../../../../components/delete-prompt"
import { ListTable } from "../../../../components/list-table"
import { useSearchListQuery } from "../../../../components/list-table-url-state"
import { type ChannelSpend, useChannelSpend, useDeleteChannelSpend } from "../../../../hooks/api/reports-settings"
import { ChannelSpendDrawer } from "./channel-spend-drawer"
import { channelLabel, formatMoney } from "../../../../lib/channels"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<ChannelSpend>()

const useColumns = () =>
  useMemo(
    () => [
      columnHelper.accessor("month", { header: "Month" }),
      columnHelper.accessor("channel", { header: "Channel", cell: ({ getValue }) => channelLabel(getValue()) }),
      columnHelper.display({
        id: "utm",
        header: "UTM source / campaign",
        cell: ({ row }) =>
          [row.original.utm_source, row.original.utm_campaign].filter(Boolean).join(" / ") || (
            <Text size="small" className="text-ui-fg-muted">-</Text>
          ),
      }),
      columnHelper.accessor("amount", {
        header: "Spend",
        align: "right",
        cell: ({ row }) => formatMoney(row.original.amount, row.original.currency_code),
      }),
      columnHelper.accessor("note", { header: "Note", cell: ({ getValue }) => getValue() ?? "" }),
    ],
    []
  )

const DeleteSpendPrompt = ({ spend, onClose }: { spend: ChannelSpend; onClose: () => void }) => {
  const remove = useDeleteChannelSpend()
  return (
    <DeletePrompt
      name={`${channelLabel(spend.channel)} ${spend.month}`}
      testId="channel-spend-delete-prompt"
      mutation={{ mutate: (_v, callbacks) => remove.mutate(spend.id, callbacks), isPending: remove.isPending }}
      onClose={onClose}
    >
      The spend leaves the cost of acquisition of its month.
    </DeletePrompt>
  )
}

/** What the store spent per channel and month, for the cost of acquisition per channel. */
export const ChannelSpendTable = () => {
  const [editor, setEditor] = useState<{ spend?: ChannelSpend } | null>(null)
  const { limit, offset } = useSearchListQuery(PAGE_SIZE)
  const query = useChannelSpend({ limit, offset })
  const onEdit = useCallback((spend: ChannelSpend) => setEditor({ spend }), [])

  return (
    <ListTable
      heading="Spend per channel"
      headingLevel="h2"
      description="Enter what each acquisition channel cost per month; CAC = spend / new customers acquired through the channel."
      data={query.spend}
      query={query}
      columns={useColumns()}
      pageSize={PAGE_SIZE}
      // @medusajs/ui 4.2.6 hands row clicks the table row, not the record its types promise.
      onRowClick={onEdit}
      onEdit={onEdit}
      deletePrompt={(spend, onClose) => <DeleteSpendPrompt spend={spend} onClose={onClose} />}
      testId="channel-spend-table"
      emptyState={{
        empty: { heading: "No spend yet", description: "Add what you spent on ads, affiliates or newsletters per month." },
        filtered: { heading: "No matching spend", description: "Try another page." },
      }}
      actions={
        <Button size="small" variant="secondary" onClick={() => setEditor({})} data-testid="channel-spend-create">
          <Plus />
          Add spend
        </Button>
      }
    >
      {editor ? (
        <ChannelSpendDrawer key={editor.spend?.id ?? "new"} spend={editor.spend} onClose={() => setEditor(null)} />
      ) : null}
    </ListTable>
  )
}

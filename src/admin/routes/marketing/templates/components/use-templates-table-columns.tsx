import { PencilSquare, Trash } from "@medusajs/icons"
import { Badge, Text, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { RelativeTime } from "../../../../components/relative-time"
import type { EmailTemplate } from "../../../../lib/types"
import { TemplateLayoutBadge } from "./template-layout-badge"

const columnHelper = createDataTableColumnHelper<EmailTemplate>()

export const useTemplatesTableColumns = ({
  onEdit,
  onDelete,
}: {
  onEdit: (template: EmailTemplate) => void
  onDelete: (template: EmailTemplate) => void
}) =>
  useMemo(
    () => [
      columnHelper.accessor("name", {
        header: "Name",
        cell: ({ row }) => {
          const template = row.original
          return (
            <span
              className="flex min-w-0 max-w-[400px] flex-col"
              title={template.description ?? template.name}
            >
              <span className="flex min-w-0 items-center gap-x-2">
                <span className="truncate">{template.name}</span>
                {template.starter_key ? (
                  <Badge size="2xsmall" color="blue" data-testid="template-starter">
                    Starter
                  </Badge>
                ) : null}
              </span>
              {template.description ? (
                <Text
                  as="span"
                  size="xsmall"
                  leading="compact"
                  className="text-ui-fg-muted truncate"
                >
                  {template.description}
                </Text>
              ) : null}
            </span>
          )
        },
      }),
      columnHelper.accessor("subject", {
        header: "Subject",
        cell: ({ getValue }) => (
          <span className="block max-w-[360px] truncate font-mono" title={getValue()}>
            {getValue()}
          </span>
        ),
      }),
      columnHelper.accessor("layout", {
        header: "Layout",
        cell: ({ getValue }) => <TemplateLayoutBadge layout={getValue()} />,
      }),
      columnHelper.accessor("updated_at", {
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

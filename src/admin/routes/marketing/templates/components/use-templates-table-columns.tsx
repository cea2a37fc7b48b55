import { Badge, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { nameColumn } from "../../../../components/list-table"
import { RelativeTime } from "../../../../components/relative-time"
import type { EmailTemplate } from "../../../../lib/types"
import { TemplateLayoutBadge } from "./template-layout-badge"

const columnHelper = createDataTableColumnHelper<EmailTemplate>()

export const useTemplatesTableColumns = () =>
  useMemo(
    () => [
      columnHelper.accessor(
        "name",
        nameColumn<EmailTemplate>(
          (template) =>
            template.starter_key ? (
              <Badge size="2xsmall" color="blue" data-testid="template-starter">
                Starter
              </Badge>
            ) : null,
          "flex min-w-0 max-w-[400px] flex-col"
        )
      ),
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
    ],
    []
  )

import { EllipsisHorizontal } from "@medusajs/icons"
import { DropdownMenu, IconButton } from "@medusajs/ui"
import { Fragment, type ReactNode } from "react"

export type Action = {
  label: string
  icon: ReactNode
  onClick: () => void
  testId?: string
}

/** The "…" menu of a page's header: groups of actions, separated. */
export const ActionMenu = ({
  label,
  testId,
  groups,
}: {
  /** e.g. "Segment actions". */
  label: string
  testId: string
  groups: Action[][]
}) => (
  <DropdownMenu>
    <DropdownMenu.Trigger asChild>
      <IconButton
        type="button"
        size="small"
        variant="transparent"
        aria-label={label}
        data-testid={testId}
      >
        <EllipsisHorizontal />
      </IconButton>
    </DropdownMenu.Trigger>
    <DropdownMenu.Content align="end">
      {groups.map((group, index) => (
        <Fragment key={index}>
          {index > 0 ? <DropdownMenu.Separator /> : null}
          {group.map((action) => (
            <DropdownMenu.Item
              key={action.label}
              className="gap-x-2"
              onClick={action.onClick}
              data-testid={action.testId}
            >
              <span className="text-ui-fg-subtle flex">{action.icon}</span>
              {action.label}
            </DropdownMenu.Item>
          ))}
        </Fragment>
      ))}
    </DropdownMenu.Content>
  </DropdownMenu>
)

import { Plus, SquaresPlus } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ListTable } from "../../../../components/list-table"
import { useFlows } from "../../../../hooks/api/flows"
import { canDeleteFlow } from "../../../../lib/flows"
import type { Flow } from "../../../../lib/types"
import { CreateFlowDrawer } from "./create-flow-drawer"
import { DeleteFlowPrompt } from "./delete-flow-prompt"
import { flowHref, useFlowActions } from "./use-flow-actions"
import { useFlowsTableColumns } from "./use-flows-table-columns"
import { useFlowsTableFilters } from "./use-flows-table-filters"
import { FLOWS_PAGE_SIZE, useFlowsTableQuery } from "./use-flows-table-query"

const canDelete = (flow: Flow) => canDeleteFlow(flow.status)

/** The nurturing flows with their figures, the recipe gallery link and the row actions. */
export const FlowsTable = () => {
  const [creating, setCreating] = useState(false)
  const query = useFlows(useFlowsTableQuery())
  const actions = useFlowActions()

  return (
    <ListTable
      heading="Flows"
      description="Automated journeys: a trigger, then emails, waits and branches, until the contact buys or leaves."
      data={query.flows}
      query={query}
      columns={useFlowsTableColumns()}
      filters={useFlowsTableFilters()}
      pageSize={FLOWS_PAGE_SIZE}
      searchPlaceholder="Search by name"
      rowHref={flowHref}
      rowActions={actions.menuFor}
      deletePrompt={(flow, onClose) => <DeleteFlowPrompt flow={flow} onClose={onClose} />}
      canDelete={canDelete}
      testId="flows-table"
      emptyState={{
        empty: {
          heading: "No flows yet",
          description:
            "Start from a recipe (welcome series, abandoned cart, win-back…) or create a flow of your own.",
        },
        filtered: {
          heading: "No matching flows",
          description: "Try another search or status.",
        },
      }}
      actions={
        <>
          <Button size="small" variant="secondary" asChild>
            <Link to="/marketing/flows/recipes" data-testid="flow-recipes">
              <SquaresPlus />
              Recipes
            </Link>
          </Button>
          <Button
            size="small"
            variant="secondary"
            onClick={() => setCreating(true)}
            data-testid="flow-create"
          >
            <Plus />
            Create
          </Button>
        </>
      }
    >
      {creating ? <CreateFlowDrawer onClose={() => setCreating(false)} /> : null}
      {actions.prompt}
    </ListTable>
  )
}

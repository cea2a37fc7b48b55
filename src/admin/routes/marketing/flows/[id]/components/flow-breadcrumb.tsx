import { useFlow } from "../../../../../hooks/api/flows"
import { shortId } from "../../../../../lib/format"

/** The flow's name in the admin's breadcrumbs, from the page's own query. */
export const FlowBreadcrumb = ({ id }: { id?: string }) => {
  const { flow } = useFlow(id)
  return <span>{flow?.name ?? (id ? shortId(id) : "Flow")}</span>
}

import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { listPage } from "../../../components/layouts/single-column-layout"
import { FlowsTable } from "./components/flows-table"

// After Contacts, Scoring, Segments and Templates in the Marketing section of the sidebar.
export const config = defineRouteConfig({ label: "Flows", rank: 5 })

export const handle = staticBreadcrumb("Flows")

export default listPage(FlowsTable)

import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { listPage } from "../../../components/layouts/single-column-layout"
import { FormsTable } from "./components/forms-table"

// After Flows in the Marketing section of the sidebar.
export const config = defineRouteConfig({ label: "Forms", rank: 9 })

export const handle = staticBreadcrumb("Forms")

export default listPage(FormsTable)

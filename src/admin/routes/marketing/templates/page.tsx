import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { listPage } from "../../../components/layouts/single-column-layout"
import { TemplatesTable } from "./components/templates-table"

// After Contacts, Scoring and Segments in the Marketing section of the sidebar.
export const config = defineRouteConfig({ label: "Templates", rank: 4 })

export const handle = staticBreadcrumb("Templates")

export default listPage(TemplatesTable)

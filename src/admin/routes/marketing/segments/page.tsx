import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { listPage } from "../../../components/layouts/single-column-layout"
import { SegmentsTable } from "./components/segments-table"

// After Contacts and Scoring in the Marketing section of the sidebar.
export const config = defineRouteConfig({ label: "Segments", rank: 3 })

export const handle = staticBreadcrumb("Segments")

export default listPage(SegmentsTable)

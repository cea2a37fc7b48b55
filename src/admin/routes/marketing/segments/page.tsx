import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { SingleColumnLayout } from "../../../components/layouts/single-column-layout"
import { SegmentsTable } from "./components/segments-table"

const SegmentsPage = () => (
  <SingleColumnLayout>
    <SegmentsTable />
  </SingleColumnLayout>
)

export const config = defineRouteConfig({
  label: "Segments",
  // After Contacts and Scoring in the Marketing section of the sidebar.
  rank: 3,
})

export const handle = staticBreadcrumb("Segments")

export default SegmentsPage

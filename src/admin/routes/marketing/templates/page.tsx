import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { SingleColumnLayout } from "../../../components/layouts/single-column-layout"
import { TemplatesTable } from "./components/templates-table"

const TemplatesPage = () => (
  <SingleColumnLayout>
    <TemplatesTable />
  </SingleColumnLayout>
)

export const config = defineRouteConfig({
  label: "Templates",
  // After Contacts, Scoring and Segments in the Marketing section of the sidebar.
  rank: 4,
})

export const handle = staticBreadcrumb("Templates")

export default TemplatesPage

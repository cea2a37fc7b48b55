import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { SingleColumnLayout } from "../../../components/layouts/single-column-layout"
import { ContactExportsTable } from "./components/contact-exports-table"

// After Channels and costs in the Marketing section of the sidebar.
export const config = defineRouteConfig({ label: "Exports", rank: 8 })

export const handle = staticBreadcrumb("Exports")

/** Every contact export: who, when, what, rows, status and the download. */
const ExportsPage = () => (
  <SingleColumnLayout>
    <ContactExportsTable />
  </SingleColumnLayout>
)

export default ExportsPage

import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { SingleColumnLayout } from "../../../components/layouts/single-column-layout"
import { ChannelSpendTable } from "./components/channel-spend-table"
import { ReportSettingsSection } from "./components/report-settings-section"

// After Flows in the Marketing section of the sidebar.
export const config = defineRouteConfig({ label: "Channels and costs", rank: 7 })

export const handle = staticBreadcrumb("Channels and costs")

/** Attribution windows, email cost, channel mappings, and the spend per channel and month. */
const ChannelsPage = () => (
  <SingleColumnLayout>
    <ReportSettingsSection />
    <ChannelSpendTable />
  </SingleColumnLayout>
)

export default ChannelsPage

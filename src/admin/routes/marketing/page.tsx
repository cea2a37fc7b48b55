import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { Container, Heading, Text, Tooltip } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { staticBreadcrumb } from "../../components/breadcrumb"
import { SingleColumnLayout } from "../../components/layouts/single-column-layout"
import { MARKETING_SECTIONS } from "../../lib/marketing-sections"
import { MarketingDashboard } from "./components/dashboard/marketing-dashboard"

/** The Marketing section's first page: its areas as a compact header, then the dashboard. */
const MarketingOverviewPage = () => {
  return (
    <SingleColumnLayout>
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex flex-col">
          <Heading level="h1">Marketing</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            Follow what shoppers do, learn who they are, and reach them at the
            right moment.
          </Text>
        </div>
        <nav aria-label="Marketing sections">
          <ul className="flex flex-wrap gap-2" data-testid="marketing-sections">
            {MARKETING_SECTIONS.map((section) => {
              const Icon = section.icon
              return (
                <li key={section.id}>
                  <Tooltip content={section.description} maxWidth={320}>
                    <Link
                      to={section.to}
                      data-testid={`marketing-section-${section.id}`}
                      className="bg-ui-bg-component hover:bg-ui-bg-component-hover focus-visible:shadow-borders-focus shadow-borders-base transition-fg text-ui-fg-subtle hover:text-ui-fg-base flex items-center gap-x-1.5 rounded-md px-2.5 py-1 outline-none"
                    >
                      <Icon className="shrink-0" />
                      <Text size="small" leading="compact" weight="plus">
                        {section.title}
                      </Text>
                    </Link>
                  </Tooltip>
                </li>
              )
            })}
          </ul>
        </nav>
      </Container>
      <MarketingDashboard />
    </SingleColumnLayout>
  )
}

export const config = defineRouteConfig({
  label: "Marketing",
  icon: ChartBar,
})

export const handle = staticBreadcrumb("Marketing")

export default MarketingOverviewPage

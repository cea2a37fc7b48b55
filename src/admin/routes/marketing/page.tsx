import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar, ChevronRightMini } from "@medusajs/icons"
import { Container, Heading, IconBadge, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { staticBreadcrumb } from "../../components/breadcrumb"
import { SingleColumnLayout } from "../../components/layouts/single-column-layout"
import { MARKETING_SECTIONS } from "../../lib/marketing-sections"

const MarketingOverviewPage = () => {
  return (
    <SingleColumnLayout>
      <Container className="divide-y p-0">
        <div className="flex flex-col px-6 py-4">
          <Heading level="h1">Marketing</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            Follow what shoppers do, learn who they are, and reach them at the
            right moment.
          </Text>
        </div>
        <ul className="divide-y" data-testid="marketing-sections">
          {MARKETING_SECTIONS.map((section) => {
            const Icon = section.icon
            return (
              <li key={section.id}>
                <Link
                  to={section.to}
                  data-testid={`marketing-section-${section.id}`}
                  className="hover:bg-ui-bg-base-hover focus-visible:bg-ui-bg-base-hover transition-fg flex items-center gap-x-4 px-6 py-4 outline-none"
                >
                  <IconBadge size="large">
                    <Icon />
                  </IconBadge>
                  <div className="flex min-w-0 flex-1 flex-col">
                    <Text size="small" leading="compact" weight="plus">
                      {section.title}
                    </Text>
                    <Text
                      size="small"
                      leading="compact"
                      className="text-ui-fg-subtle"
                    >
                      {section.description}
                    </Text>
                  </div>
                  <ChevronRightMini className="text-ui-fg-muted shrink-0" />
                </Link>
              </li>
            )
          })}
        </ul>
      </Container>
    </SingleColumnLayout>
  )
}

export const config = defineRouteConfig({
  label: "Marketing",
  icon: ChartBar,
})

export const handle = staticBreadcrumb("Marketing")

export default MarketingOverviewPage

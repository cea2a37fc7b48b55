import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { SectionStates } from "../../../../components/section-states"

type DashboardCardProps = {
  title: string
  description?: string
  testId: string
  /** `isLoading`, not `isPending`: a query waiting for a valid custom range is not loading. */
  query: { isLoading: boolean; isError: boolean; error?: (Error & { status?: number }) | null }
  /** What failed to load, e.g. "revenue". */
  what: string
  isEmpty: boolean
  empty: string
  actions?: ReactNode
  children: ReactNode
}

/** One block of the dashboard: a heading, then its chart or its loading, error or empty state. */
export const DashboardCard = ({
  title,
  description,
  testId,
  query,
  what,
  isEmpty,
  empty,
  actions,
  children,
}: DashboardCardProps) => (
  <Container className="flex min-w-0 flex-col p-0" data-testid={testId}>
    <div className="flex items-start justify-between gap-x-4 px-6 pb-2 pt-4">
      <div className="flex flex-col">
        <Heading level="h2">{title}</Heading>
        {description ? (
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        ) : null}
      </div>
      {actions}
    </div>
    <div className="px-4 pb-4" data-testid={`${testId}-body`}>
      <SectionStates
        isPending={query.isLoading}
        isError={query.isError}
        error={query.error}
        what={what}
        notFound="This report is not available on this server yet."
        isEmpty={isEmpty}
        empty={empty}
        skeleton={[320, 260, 200]}
      >
        {children}
      </SectionStates>
    </div>
  </Container>
)

import { Container, Skeleton, Text } from "@medusajs/ui"
import { SectionHeader } from "../../../../components/section-header"
import { useScoringOverview } from "../../../../hooks/api/scoring"
import {
  LIFECYCLE_STAGES,
  RFM_GROUPS,
  badgeColorVar,
  getLifecycleStageColor,
  getLifecycleStageLabel,
  getRfmGroupColor,
} from "../../../../lib/scoring"
import { BarChart, type BarChartItem } from "./bar-chart"
import { HistogramChart } from "./histogram-chart"
import { contactsLabel } from "./use-element-width"
import { TitledBlock } from "../../../../components/titled-block"

/**
 * Counts in a fixed order: the known ones first (zero when missing), then
 * any the server added.
 */
const inOrder = <T extends string>(
  known: readonly T[],
  rows: { key: string; count: number }[]
) => {
  const counts = new Map(rows.map((row) => [row.key, row.count]))
  const extra = rows
    .map((row) => row.key)
    .filter((key) => !(known as readonly string[]).includes(key))
  return [...known, ...extra].map((key) => ({
    key,
    count: counts.get(key) ?? 0,
  }))
}

/** How scores and stages are spread over the contacts. */
export const ScoringOverviewSection = () => {
  const {
    acquisition_histogram,
    loyalty_histogram,
    stages,
    rfm_groups,
    contacts,
    isPending,
    isError,
    error,
  } = useScoringOverview()

  const stageItems: BarChartItem[] = inOrder(
    LIFECYCLE_STAGES,
    (stages ?? []).map((row) => ({ key: row.stage, count: row.count }))
  ).map(({ key, count }) => ({
    key,
    count,
    label: getLifecycleStageLabel(key) ?? key,
    color: badgeColorVar(getLifecycleStageColor(key)),
  }))

  const rfmItems: BarChartItem[] = inOrder(
    RFM_GROUPS,
    (rfm_groups ?? []).map((row) => ({ key: row.group, count: row.count }))
  ).map(({ key, count }) => ({
    key,
    count,
    label: key,
    color: badgeColorVar(getRfmGroupColor(key)),
  }))
  const rfmTotal = rfmItems.reduce((sum, item) => sum + item.count, 0)

  return (
    <Container className="divide-y p-0" data-testid="scoring-overview">
      <SectionHeader
        title="Overview"
        description={
          contacts === undefined
            ? "How scores and stages are spread over your contacts"
            : `How scores and stages are spread over ${contactsLabel(contacts)}`
        }
      />
      {isPending ? (
        <div className="grid grid-cols-1 gap-4 px-6 py-4 lg:grid-cols-2">
          <Skeleton className="h-[300px] w-full" />
          <Skeleton className="h-[300px] w-full" />
        </div>
      ) : isError ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            The overview could not be loaded
            {error?.message ? `: ${error.message}` : "."}
          </Text>
        </div>
      ) : (
        <div className="grid grid-cols-1 lg:grid-cols-2">
          <TitledBlock
            title="Acquisition score"
            description="Contacts per acquisition score range (engagement + fit)"
          >
            <HistogramChart
              buckets={acquisition_histogram ?? []}
              xLabel="Acquisition score"
              testId="scoring-histogram"
            />
          </TitledBlock>
          <TitledBlock
            title="Lifecycle stages"
            description="Contacts in each stage"
          >
            <BarChart
              items={stageItems}
              ariaLabel="Contacts per lifecycle stage"
              testId="scoring-stage-chart"
            />
          </TitledBlock>
          <TitledBlock
            title="Loyalty score"
            description="Contacts per loyalty score range (RFM + loyalty rules)"
          >
            <HistogramChart
              buckets={loyalty_histogram ?? []}
              xLabel="Loyalty score"
              testId="scoring-loyalty-histogram"
            />
          </TitledBlock>
          <TitledBlock
            title="RFM groups"
            description={
              rfmTotal
                ? `${contactsLabel(rfmTotal)} with orders, by recency, frequency and monetary value`
                : "Customers by recency, frequency and monetary value; filled once contacts have orders"
            }
          >
            <BarChart
              items={rfmItems}
              ariaLabel="Contacts per RFM group"
              testId="scoring-rfm-chart"
            />
          </TitledBlock>
        </div>
      )}
    </Container>
  )
}

import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { TwoColumnLayout } from "../../../../../components/layouts/two-column-layout"

const SkeletonSection = ({ rows }: { rows: number }) => (
  <Container className="divide-y p-0">
    <div className="px-6 py-4">
      <Skeleton className="h-6 w-[160px]" />
    </div>
    {Array.from({ length: rows }).map((_, index) => (
      <div key={index} className="grid grid-cols-2 gap-x-4 px-6 py-4">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-4 w-[120px]" />
      </div>
    ))}
  </Container>
)

export const SegmentDetailSkeleton = () => (
  <TwoColumnLayout
    main={
      <>
        <SkeletonSection rows={3} />
        <SkeletonSection rows={5} />
      </>
    }
    side={<SkeletonSection rows={3} />}
  />
)

export const SegmentDetailError = ({
  notFound,
  message,
}: {
  notFound: boolean
  message?: string
}) => (
  <Container className="flex flex-col items-start gap-y-3 px-6 py-4">
    <div className="flex flex-col">
      <Heading level="h1">
        {notFound ? "Segment not found" : "The segment could not be loaded"}
      </Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {notFound
          ? "It may have been deleted."
          : message ?? "Try again in a moment."}
      </Text>
    </div>
    <Button size="small" variant="secondary" asChild>
      <Link to="/marketing/segments">Back to segments</Link>
    </Button>
  </Container>
)

import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"

/** A placeholder section while a detail page loads: a title and `rows` label/value rows. */
export const SkeletonSection = ({ rows }: { rows: number }) => (
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

/** A detail page that could not load: what happened, and a way back to the list. */
export const DetailError = ({
  title,
  description,
  backTo,
  backLabel,
}: {
  title: string
  description: string
  backTo: string
  backLabel: string
}) => (
  <Container className="flex flex-col items-start gap-y-3 px-6 py-4">
    <div className="flex flex-col">
      <Heading level="h1">{title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
    <Button size="small" variant="secondary" asChild>
      <Link to={backTo}>{backLabel}</Link>
    </Button>
  </Container>
)

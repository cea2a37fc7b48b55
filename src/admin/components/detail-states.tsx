import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import { TwoColumnLayout } from "./layouts/two-column-layout"

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

/** A two-column detail page loading: sections of `main` and `side` rows. */
export const TwoColumnSkeleton = ({ main, side }: { main: number[]; side: number[] }) => (
  <TwoColumnLayout
    main={main.map((rows, index) => <SkeletonSection key={index} rows={rows} />)}
    side={side.map((rows, index) => <SkeletonSection key={index} rows={rows} />)}
  />
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

type DetailQuery = {
  isPending: boolean
  isError: boolean
  error?: (Error & { status?: number }) | null
}

/**
 * A detail page's loading and error states, then the page for `record`.
 * A missing record (404) says so and links back to the list.
 */
export const DetailStates = <T,>({
  query: { isPending, isError, error },
  record,
  skeleton,
  noun,
  listPath,
  gone,
  children,
}: {
  query: DetailQuery
  record: T | undefined | null
  skeleton: ReactNode
  /** e.g. "contact". */
  noun: string
  /** e.g. "/marketing/contacts". */
  listPath: string
  /** Why a record may be missing, e.g. "It may have been deleted." */
  gone: string
  children: (record: T) => ReactNode
}) => {
  if (isPending) {
    return <>{skeleton}</>
  }
  if (isError || !record) {
    const notFound = error?.status === 404 || !isError
    const title = `${noun[0].toUpperCase()}${noun.slice(1)} not found`
    return (
      <DetailError
        title={notFound ? title : `The ${noun} could not be loaded`}
        description={notFound ? gone : error?.message ?? "Try again in a moment."}
        backTo={listPath}
        backLabel={`Back to ${noun}s`}
      />
    )
  }
  return <>{children(record)}</>
}

import { useSegment } from "../../../../../hooks/api/segments"
import { shortId } from "../../../../../lib/format"

/** The segment's name in the admin's breadcrumbs, from the page's own query. */
export const SegmentBreadcrumb = ({ id }: { id?: string }) => {
  const { segment } = useSegment(id)
  return <span>{segment?.name ?? (id ? shortId(id) : "Segment")}</span>
}

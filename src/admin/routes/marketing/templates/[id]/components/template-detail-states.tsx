import { SkeletonSection } from "../../../../../components/detail-states"

export const TemplateDetailSkeleton = () => (
  <div className="flex w-full flex-col gap-y-3">
    <SkeletonSection rows={0} />
    <div className="flex flex-col gap-3 xl:flex-row xl:items-start">
      <div className="flex w-full min-w-0 flex-1 flex-col gap-y-3">
        <SkeletonSection rows={5} />
      </div>
      <div className="flex w-full min-w-0 flex-1 flex-col gap-y-3">
        <SkeletonSection rows={3} />
      </div>
    </div>
  </div>
)

/** How the template page loads and what it says when the template is missing. */
export const TEMPLATE_DETAIL = {
  skeleton: <TemplateDetailSkeleton />,
  noun: "template",
  listPath: "/marketing/templates",
  gone: "It may have been deleted.",
}

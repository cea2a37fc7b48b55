import { DetailError, SkeletonSection } from "../../../../../components/detail-states"

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

export const TemplateDetailError = ({ notFound, message }: { notFound: boolean; message?: string }) => (
  <DetailError
    title={notFound ? "Template not found" : "The template could not be loaded"}
    description={notFound ? "It may have been deleted." : message ?? "Try again in a moment."}
    backTo="/marketing/templates"
    backLabel="Back to templates"
  />
)

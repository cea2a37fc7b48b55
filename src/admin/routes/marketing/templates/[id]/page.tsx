import type { UIMatch } from "react-router-dom"
import { useParams } from "react-router-dom"
import { useTemplate } from "../../../../hooks/api/templates"
import { TemplateEditor } from "../components/template-editor/template-editor"
import { TemplateBreadcrumb } from "./components/template-breadcrumb"
import {
  TemplateDetailError,
  TemplateDetailSkeleton,
} from "./components/template-detail-states"

const TemplateDetailPage = () => {
  const { id } = useParams()
  const { template, isPending, isError, error } = useTemplate(id, {
    // The editor holds the owner's changes: a refetch must not look like one.
    refetchOnWindowFocus: false,
  })

  if (isPending) {
    return <TemplateDetailSkeleton />
  }

  if (isError || !template) {
    return (
      <TemplateDetailError
        notFound={error?.status === 404 || (!isError && !template)}
        message={error?.message}
      />
    )
  }

  return <TemplateEditor key={template.id} template={template} />
}

export const handle = {
  breadcrumb: (match: UIMatch) => (
    <TemplateBreadcrumb id={(match.params as { id?: string }).id} />
  ),
}

export default TemplateDetailPage

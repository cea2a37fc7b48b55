import type { UIMatch } from "react-router-dom"
import { useParams } from "react-router-dom"
import { DetailStates } from "../../../../components/detail-states"
import { useTemplate } from "../../../../hooks/api/templates"
import { TemplateEditor } from "../components/template-editor/template-editor"
import { TemplateBreadcrumb } from "./components/template-breadcrumb"
import { TEMPLATE_DETAIL } from "./components/template-detail-states"

const TemplateDetailPage = () => {
  const { id } = useParams()
  const query = useTemplate(id, {
    // The editor holds the owner's changes: a refetch must not look like one.
    refetchOnWindowFocus: false,
  })

  return (
    <DetailStates
      query={query}
      record={query.template}
      {...TEMPLATE_DETAIL}
    >
      {(template) => <TemplateEditor key={template.id} template={template} />}
    </DetailStates>
  )
}

export const handle = {
  breadcrumb: (match: UIMatch) => (
    <TemplateBreadcrumb id={(match.params as { id?: string }).id} />
  ),
}

export default TemplateDetailPage

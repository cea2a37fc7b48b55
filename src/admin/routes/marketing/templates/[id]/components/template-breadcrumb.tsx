import { useTemplate } from "../../../../../hooks/api/templates"
import { shortId } from "../../../../../lib/format"

/** The template's name in the admin's breadcrumbs, from the page's own query. */
export const TemplateBreadcrumb = ({ id }: { id?: string }) => {
  const { template } = useTemplate(id, { refetchOnWindowFocus: false })
  return <span>{template?.name ?? (id ? shortId(id) : "Template")}</span>
}

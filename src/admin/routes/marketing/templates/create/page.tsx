import { staticBreadcrumb } from "../../../../components/breadcrumb"
import { TemplateEditor } from "../components/template-editor/template-editor"

/** A new template; once created, the editor continues on its own page. */
const CreateTemplatePage = () => <TemplateEditor />

export const handle = staticBreadcrumb("Create template")

export default CreateTemplatePage

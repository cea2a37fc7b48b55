import { staticBreadcrumb } from "../../../../components/breadcrumb"
import { FormEditor } from "../components/form-editor"

/** A new form; once created, the editor continues on its own page. */
const CreateFormPage = () => <FormEditor />

export const handle = staticBreadcrumb("Create form")

export default CreateFormPage

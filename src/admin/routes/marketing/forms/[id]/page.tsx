import { useParams } from "react-router-dom"
import { DetailStates, SkeletonSection } from "../../../../components/detail-states"
import { useForm } from "../../../../hooks/api/forms"
import { FormEditor } from "../components/form-editor"
import { FormSubmissionsSection } from "../components/form-submissions-section"

const FORM_DETAIL = {
  skeleton: <SkeletonSection rows={6} />,
  noun: "form",
  listPath: "/marketing/forms",
  gone: "It may have been deleted.",
}

const FormDetailPage = () => {
  const { id } = useParams()
  // The editor holds the owner's changes: a refetch must not look like one.
  const query = useForm(id, { refetchOnWindowFocus: false })

  return (
    <DetailStates query={query} record={query.form} {...FORM_DETAIL}>
      {(form) => (
        <div className="flex flex-col gap-y-3">
          <FormEditor key={form.id} form={form} />
          <FormSubmissionsSection formId={form.id} />
        </div>
      )}
    </DetailStates>
  )
}

export const handle = { breadcrumb: () => "Form" }

export default FormDetailPage

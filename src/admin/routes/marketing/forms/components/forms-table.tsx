import { Plus } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import { useCallback } from "react"
import { Link, useNavigate } from "react-router-dom"
import { useSearchListQuery } from "../../../../components/list-table-url-state"
import { ListTable } from "../../../../components/list-table"
import { useForms } from "../../../../hooks/api/forms"
import type { FormListParams, MarketingForm } from "../../../../lib/forms"
import { DeleteFormPrompt } from "./delete-form-prompt"
import { useFormsTableColumns } from "./use-forms-table-columns"

const PAGE_SIZE = 20
const formHref = (form: MarketingForm) => `/marketing/forms/${form.id}`

/** The signup forms with their views, submissions and submit rate over 30 days. */
export const FormsTable = () => {
  const navigate = useNavigate()
  const query = useForms(useSearchListQuery(PAGE_SIZE) as FormListParams)
  const onEdit = useCallback((form: MarketingForm) => navigate(formHref(form)), [navigate])

  return (
    <ListTable
      heading="Forms"
      description="Signup forms and pop-ups on the storefront: who sees them, when, and how many sign up."
      data={query.forms}
      query={query}
      columns={useFormsTableColumns()}
      pageSize={PAGE_SIZE}
      searchPlaceholder="Search by name"
      rowHref={formHref}
      onEdit={onEdit}
      deletePrompt={(form, onClose) => <DeleteFormPrompt form={form} onClose={onClose} />}
      testId="forms-table"
      emptyState={{
        empty: {
          heading: "No forms yet",
          description: "Create a pop-up, flyout, banner or embedded form to collect signups.",
        },
        filtered: { heading: "No matching forms", description: "Try another search." },
      }}
      actions={
        <Button size="small" variant="secondary" asChild>
          <Link to="/marketing/forms/create" data-testid="form-create">
            <Plus />
            Create
          </Link>
        </Button>
      }
    />
  )
}

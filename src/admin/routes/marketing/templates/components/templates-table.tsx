import { Plus, SquaresPlus } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import { useCallback, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { ListTable } from "../../../../components/list-table"
import { useTemplates } from "../../../../hooks/api/templates"
import type { EmailTemplate } from "../../../../lib/types"
import { DeleteTemplatePrompt } from "./delete-template-prompt"
import { StarterTemplatesDrawer } from "./starter-templates-drawer"
import { useTemplatesTableColumns } from "./use-templates-table-columns"
import {
  TEMPLATES_PAGE_SIZE,
  useTemplatesTableQuery,
} from "./use-templates-table-query"

const templateHref = (template: EmailTemplate) =>
  `/marketing/templates/${template.id}`

/** The email templates, with the starters drawer and the delete prompt. */
export const TemplatesTable = () => {
  const navigate = useNavigate()
  const [startersOpen, setStartersOpen] = useState(false)
  const query = useTemplates(
    useTemplatesTableQuery()
  )
  const onEdit = useCallback(
    (template: EmailTemplate) => navigate(templateHref(template)),
    [navigate]
  )

  return (
    <ListTable
      heading="Templates"
      description="The emails your flows and your team send, with their subject, body and plain text."
      data={query.templates}
      query={query}
      columns={useTemplatesTableColumns()}
      pageSize={TEMPLATES_PAGE_SIZE}
      searchPlaceholder="Search by name"
      rowHref={templateHref}
      onEdit={onEdit}
      deletePrompt={(template, onClose) => (
        <DeleteTemplatePrompt template={template} onClose={onClose} />
      )}
      testId="templates-table"
      emptyState={{
        empty: {
          heading: "No templates yet",
          description:
            "Create a template, or add the starters: welcome, abandoned cart, win-back and more.",
        },
        filtered: {
          heading: "No matching templates",
          description: "Try another search.",
        },
      }}
      actions={
        <>
          <Button
            size="small"
            variant="secondary"
            onClick={() => setStartersOpen(true)}
            data-testid="template-add-starters"
          >
            <SquaresPlus />
            Add starter templates
          </Button>
          <Button size="small" variant="secondary" asChild>
            <Link to="/marketing/templates/create" data-testid="template-create">
              <Plus />
              Create
            </Link>
          </Button>
        </>
      }
    >
      {startersOpen ? (
        <StarterTemplatesDrawer onClose={() => setStartersOpen(false)} />
      ) : null}
    </ListTable>
  )
}

import { PaperPlane, Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { ActionMenu } from "../../../../../components/action-menu"
import type { TemplateDraft } from "../../../../../lib/templates"
import type { EmailTemplate } from "../../../../../lib/types"
import { TemplateLayoutBadge } from "../template-layout-badge"

/** The editor's title, saved state, "Send test", save and its actions menu. */
export const TemplateEditorHeader = ({
  template,
  saved,
  dirty,
  isSaving,
  onTestSend,
  onDelete,
}: {
  /** The stored template; a new one when left out. */
  template?: EmailTemplate
  saved: TemplateDraft
  dirty: boolean
  isSaving: boolean
  onTestSend: () => void
  onDelete: () => void
}) => {
  const navigate = useNavigate()
  const isEdit = !!template

  return (
    <Container className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
      <div className="flex min-w-0 flex-col">
        <div className="flex items-center gap-x-2">
          <Heading level="h1" className="truncate">
            {isEdit ? saved.name || "Template" : "Create template"}
          </Heading>
          {template?.starter_key ? (
            <Badge size="2xsmall" color="blue">
              Starter
            </Badge>
          ) : null}
          {isEdit ? <TemplateLayoutBadge layout={saved.layout} /> : null}
        </div>
        <Text
          size="small"
          leading="compact"
          className="text-ui-fg-subtle"
          data-testid="template-editor-state"
          data-dirty={dirty || undefined}
        >
          {isEdit
            ? dirty
              ? "Unsaved changes"
              : "All changes saved"
            : "Subject, body and plain text are Handlebars: insert variables such as {{contact.first_name}}."}
        </Text>
      </div>
      <div className="flex items-center gap-x-2">
        {isEdit ? (
          <Button
            type="button"
            size="small"
            variant="secondary"
            onClick={onTestSend}
            data-testid="template-test-send-open"
          >
            <PaperPlane />
            Send test
          </Button>
        ) : (
          <Button
            type="button"
            size="small"
            variant="secondary"
            onClick={() => navigate("/marketing/templates")}
          >
            Cancel
          </Button>
        )}
        <Button
          type="submit"
          size="small"
          isLoading={isSaving}
          disabled={isEdit && !dirty}
          data-testid="template-save"
        >
          {isEdit ? "Save" : "Create"}
        </Button>
        {isEdit ? (
          <ActionMenu
            label="Template actions"
            testId="template-actions"
            groups={[[{ label: "Delete", icon: <Trash />, onClick: onDelete }]]}
          />
        ) : null}
      </div>
    </Container>
  )
}

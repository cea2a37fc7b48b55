import { Badge, Button, Heading, Text, toast } from "@medusajs/ui"
import { Fragment } from "react"
import { useNavigate } from "react-router-dom"
import { useInstallFlowRecipe } from "../../../../../hooks/api/flows"
import { humanize } from "../../../../../lib/format"
import { stepTypeLabel } from "../../../../../lib/flows"
import type { FlowRecipe } from "../../../../../lib/types"
import { flowHref } from "../../components/use-flow-actions"

/** One recipe: its purpose, its steps in miniature, the templates it adds, and "Use this recipe". */
export const RecipeCard = ({
  recipe,
  templateName,
}: {
  recipe: FlowRecipe
  templateName: (key: string) => string | undefined
}) => {
  const navigate = useNavigate()
  const install = useInstallFlowRecipe()

  return (
    <div
      className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col justify-between gap-y-4 rounded-lg p-4"
      data-testid={`recipe-${recipe.key}`}
    >
      <div className="flex flex-col gap-y-3">
        <div className="flex flex-col gap-y-1">
          <Heading level="h3">{recipe.name}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {recipe.purpose}
          </Text>
        </div>
        <ol className="flex flex-wrap items-center gap-1" aria-label="Steps" data-testid="recipe-steps">
          {recipe.steps.map((step, index) => (
            <Fragment key={step.id}>
              {index ? (
                <span className="text-ui-fg-muted txt-compact-xsmall" aria-hidden>
                  →
                </span>
              ) : null}
              <li>
                <Badge size="2xsmall" color={step.type === "send_email" ? "blue" : "grey"}>
                  {step.name ?? stepTypeLabel(step.type)}
                </Badge>
              </li>
            </Fragment>
          ))}
        </ol>
        <div className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">
            Templates it adds
          </Text>
          <div className="flex flex-wrap gap-1" data-testid="recipe-templates">
            {recipe.templates.map((key) => (
              <Badge key={key} size="2xsmall">
                {templateName(key) ?? humanize(key)}
              </Badge>
            ))}
          </div>
        </div>
      </div>
      <Button
        size="small"
        variant="secondary"
        className="self-start"
        isLoading={install.isPending}
        data-testid="recipe-use"
        onClick={() =>
          install.mutate(recipe.key, {
            onSuccess: ({ flow }) => {
              toast.success(`"${flow.name}" was added as a draft`)
              navigate(flowHref(flow))
            },
            onError: (error) =>
              toast.error(`"${recipe.name}" could not be installed`, { description: error.message }),
          })
        }
      >
        Use this recipe
      </Button>
    </div>
  )
}

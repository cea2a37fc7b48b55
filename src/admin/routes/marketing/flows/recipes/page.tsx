import { Container, Text } from "@medusajs/ui"
import { staticBreadcrumb } from "../../../../components/breadcrumb"
import { SingleColumnLayout } from "../../../../components/layouts/single-column-layout"
import { SectionHeader } from "../../../../components/section-header"
import { useFlowRecipes } from "../../../../hooks/api/flows"
import { useStarterTemplates } from "../../../../hooks/api/templates"
import type { FlowRecipe, RecipeGroup } from "../../../../lib/types"
import { RecipeCard } from "./components/recipe-card"

const GROUPS: { group: RecipeGroup; title: string; description: string }[] = [
  {
    group: "acquisition",
    title: "Acquisition",
    description: "Turn visitors and leads into first-time buyers.",
  },
  {
    group: "loyalty",
    title: "Loyalty",
    description: "Bring customers back: thanks, reminders, win-back and rewards.",
  },
]

/** The ready-made flows by goal; each installs as a draft and opens. */
const FlowRecipesPage = () => {
  const { recipes, isPending, isError, error } = useFlowRecipes()
  const { starters } = useStarterTemplates()
  const templateName = (key: string) => starters?.find((s) => s.key === key)?.name

  return (
    <SingleColumnLayout>
      {GROUPS.map(({ group, title, description }) => (
        <Container key={group} className="divide-y p-0" data-testid={`recipes-${group}`}>
          <SectionHeader title={title} description={description} level="h2" />
          <div className="px-6 py-4">
            {isPending ? (
              <Text size="small" className="text-ui-fg-subtle">Loading recipes…</Text>
            ) : isError ? (
              <Text size="small" className="text-ui-fg-error">
                The recipes could not be loaded: {error?.message}
              </Text>
            ) : (
              <div
                style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(320px, 1fr))", gap: 12 }}
              >
                {(recipes ?? [])
                  .filter((recipe: FlowRecipe) => recipe.group === group)
                  .map((recipe) => (
                    <RecipeCard key={recipe.key} recipe={recipe} templateName={templateName} />
                  ))}
              </div>
            )}
          </div>
        </Container>
      ))}
    </SingleColumnLayout>
  )
}

export const handle = staticBreadcrumb("Recipes")

export default FlowRecipesPage

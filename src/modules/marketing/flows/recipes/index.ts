/**
 * The ready-made flows (issue #14): acquisition (welcome series, browse and
 * cart abandonment, lead nurturing) and loyalty (post-purchase, replenishment,
 * win-back, VIP welcome, birthday). Plain data; the install route resolves
 * their `starter:` and `builtin:` placeholders and saves each as a draft.
 */
import { ACQUISITION_RECIPES } from "./acquisition"
import { LOYALTY_RECIPES } from "./loyalty"
import type { FlowRecipe } from "./recipe"

export type { FlowRecipe } from "./recipe"
export { BUILTIN_PLACEHOLDER, STARTER_PLACEHOLDER } from "./recipe"
export { ACQUISITION_RECIPES } from "./acquisition"
export { LOYALTY_RECIPES } from "./loyalty"

export const FLOW_RECIPES: FlowRecipe[] = [...ACQUISITION_RECIPES, ...LOYALTY_RECIPES]

/** A copy of the recipe, so resolving its placeholders never changes the shared list. */
export function recipeByKey(key: string): FlowRecipe | undefined {
  const recipe = FLOW_RECIPES.find((r) => r.key === key)
  return recipe ? structuredClone(recipe) : undefined
}

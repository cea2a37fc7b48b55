/** A scoring rule in the list. */
export const SCORING_RULE_LIST_FIELDS = ["*"]

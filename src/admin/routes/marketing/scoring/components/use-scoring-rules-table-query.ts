import { useMemo } from "react"
import {
  offsetOf,
  oneOf,
  useListQueryParams,
} from "../../../../components/list-table-url-state"
import { SCORING_RULE_KINDS } from "../../../../lib/scoring"
import type { ScoringRuleListParams } from "../../../../lib/types"

export const SCORING_RULES_PAGE_SIZE = 20

const QUERY_KEYS = ["offset", "kind", "active"] as const

/** The API query of the rules table (`?kind`, `?active`, `?offset`), from the URL. */
export const useScoringRulesTableQuery = (): ScoringRuleListParams => {
  const params = useListQueryParams(QUERY_KEYS)
  return useMemo(
    () => ({
      limit: SCORING_RULES_PAGE_SIZE,
      offset: offsetOf(params.offset, SCORING_RULES_PAGE_SIZE),
      kind: oneOf(SCORING_RULE_KINDS, params.kind),
      active:
        params.active === "true"
          ? true
          : params.active === "false"
          ? false
          : undefined,
    }),
    [params]
  )
}

import { useMemo } from "react"
import {
  offsetOf,
  useListQueryParams,
} from "../../../../components/list-table-url-state"
import { SCORING_RULE_KINDS } from "../../../../lib/scoring"
import type {
  ScoringRuleKind,
  ScoringRuleListParams,
} from "../../../../lib/types"

export const SCORING_RULES_PAGE_SIZE = 20

const QUERY_KEYS = ["offset", "kind", "active"] as const

const isKind = (value: unknown): value is ScoringRuleKind =>
  typeof value === "string" &&
  (SCORING_RULE_KINDS as string[]).includes(value)

/** The API query of the rules table (`?kind`, `?active`, `?offset`), from the URL. */
export const useScoringRulesTableQuery = (): ScoringRuleListParams => {
  const params = useListQueryParams(QUERY_KEYS)
  return useMemo(
    () => ({
      limit: SCORING_RULES_PAGE_SIZE,
      offset: offsetOf(params.offset, SCORING_RULES_PAGE_SIZE),
      kind: isKind(params.kind) ? params.kind : undefined,
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

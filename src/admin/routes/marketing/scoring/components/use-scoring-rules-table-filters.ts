import { createDataTableFilterHelper } from "@medusajs/ui"
import { useMemo } from "react"
import {
  SCORING_RULE_KINDS,
  SCORING_RULE_KIND_INFO,
} from "../../../../lib/scoring"
import type { ScoringRule } from "../../../../lib/types"

const filterHelper = createDataTableFilterHelper<ScoringRule>()

export const useScoringRulesTableFilters = () =>
  useMemo(
    () => [
      filterHelper.accessor("kind", {
        type: "radio",
        label: "Kind",
        options: SCORING_RULE_KINDS.map((kind) => ({
          label: SCORING_RULE_KIND_INFO[kind].label,
          value: kind,
        })),
      }),
      filterHelper.accessor("active", {
        type: "radio",
        label: "Status",
        options: [
          { label: "Active", value: "true" },
          { label: "Paused", value: "false" },
        ],
      }),
    ],
    []
  )

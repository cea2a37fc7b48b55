import { Badge } from "@medusajs/ui"
import { SCORING_RULE_KIND_INFO } from "../../../../lib/scoring"
import type { ScoringRuleKind } from "../../../../lib/types"

export const ScoringRuleKindBadge = ({ kind }: { kind: ScoringRuleKind }) => {
  const info = SCORING_RULE_KIND_INFO[kind]
  return (
    <Badge size="2xsmall" color={info?.color ?? "grey"}>
      {info?.label ?? kind}
    </Badge>
  )
}

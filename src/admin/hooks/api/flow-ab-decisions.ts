import type { FlowAbDecisionsResponse } from "../../lib/flows/ab"
import { flowQueryKeys } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import { useQueryById, type QueryOptions } from "./utils"

export const fetchFlowAbDecisions = (id: string) =>
  sdk.client.fetch<FlowAbDecisionsResponse>(`/admin/marketing/flows/${id}/ab-decisions`)

/** The flow's automatic A/B decisions (every version); nested under the flow's key, so its mutations refresh them. */
export const useFlowAbDecisions = (id: string | undefined, options?: QueryOptions<FlowAbDecisionsResponse>) =>
  useQueryById(id, { key: (flowId) => [...flowQueryKeys.one(flowId), "ab-decisions"] as const, fetch: fetchFlowAbDecisions }, options)

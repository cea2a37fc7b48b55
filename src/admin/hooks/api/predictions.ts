import { useQueryClient } from "@tanstack/react-query"
import { predictionQueryKeys } from "../../lib/query-key"
import type {
  ContactPredictionsResponse,
  FitRunResponse,
  PredictionsOverviewResponse,
} from "../../lib/predictions"
import { sdk } from "../../lib/sdk"
import {
  path,
  useInvalidatingMutation,
  useQueryById,
  useSpreadQuery,
  type MutationOptions,
  type QueryOptions,
} from "./utils"

const BASE = "/admin/marketing/predictions"

export const fetchPredictionsOverview = () =>
  sdk.client.fetch<PredictionsOverviewResponse>(BASE)

export const startPredictionFit = () =>
  sdk.client.fetch<FitRunResponse>(`${BASE}/fit`, { method: "POST", body: {} })

export const fetchContactPredictions = (contactId: string) =>
  sdk.client.fetch<ContactPredictionsResponse>(
    path("/admin/marketing/contacts", contactId, "/predictions")
  )

/** While a fit runs, the overview asks again this often. */
export const FIT_POLL_MS = 2000

/**
 * Each currency's latest fit and accuracy, polled while a fit runs (here or
 * on another instance); when it ends, every contact's predictions are
 * refreshed too.
 */
export const usePredictionsOverview = (options?: QueryOptions<PredictionsOverviewResponse>) => {
  const queryClient = useQueryClient()
  return useSpreadQuery<PredictionsOverviewResponse>(
    {
      queryKey: predictionQueryKeys.overview(),
      queryFn: async () => {
        const previous = queryClient.getQueryData<PredictionsOverviewResponse>(predictionQueryKeys.overview())
        const next = await fetchPredictionsOverview()
        if (previous?.running && !next.running) {
          queryClient.invalidateQueries({ queryKey: [...predictionQueryKeys.all, "of-contact"] })
        }
        return next
      },
      refetchInterval: (query) => (query.state.data?.running ? FIT_POLL_MS : false),
    },
    options
  )
}

/** Starts a fit; the overview then shows it running and polls until it ends. */
export const useStartPredictionFit = (options?: MutationOptions<FitRunResponse, void>) =>
  useInvalidatingMutation(() => startPredictionFit(), [predictionQueryKeys.overview()], options)

/** A contact's predictions in every currency it bought in. */
export const useContactPredictions = (
  contactId: string | undefined,
  options?: QueryOptions<ContactPredictionsResponse>
) =>
  useQueryById(
    contactId,
    { key: predictionQueryKeys.ofContact, fetch: fetchContactPredictions },
    options
  )

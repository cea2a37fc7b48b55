import { defineRouteConfig } from "@medusajs/admin-sdk"
import { useCallback, useEffect, useState } from "react"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { SingleColumnLayout } from "../../../components/layouts/single-column-layout"
import type { Recompute } from "../../../lib/types"
import { ScoringHeader } from "./components/scoring-header"
import { ScoringOverviewSection } from "./components/scoring-overview-section"
import { ScoringRulesSection } from "./components/scoring-rules-section"
import { ScoringSettingsSection } from "./components/scoring-settings-section"

const RECOMPUTE_STORAGE_KEY = "marketing.scoring.recompute"

const readStoredRecompute = () => {
  try {
    return window.sessionStorage.getItem(RECOMPUTE_STORAGE_KEY)
  } catch {
    return null
  }
}

const storeRecompute = (id: string | null) => {
  try {
    if (id) {
      window.sessionStorage.setItem(RECOMPUTE_STORAGE_KEY, id)
    } else {
      window.sessionStorage.removeItem(RECOMPUTE_STORAGE_KEY)
    }
  } catch {
    // Storage may be unavailable (private mode): progress then lasts as long as the page.
  }
}

const ScoringPage = () => {
  // A running rebuild is remembered for the session, so leaving the page
  // and coming back still shows its progress.
  const [recomputeId, setRecomputeId] = useState<string | null>(
    readStoredRecompute
  )

  useEffect(() => {
    storeRecompute(recomputeId)
  }, [recomputeId])

  const onRecompute = useCallback(
    (recompute: Recompute) => setRecomputeId(recompute.id),
    []
  )

  return (
    <SingleColumnLayout>
      <ScoringHeader
        recomputeId={recomputeId}
        onRecomputeChange={setRecomputeId}
        onRecomputeFinished={() => storeRecompute(null)}
      />
      <ScoringOverviewSection />
      <ScoringRulesSection onRecompute={onRecompute} />
      <ScoringSettingsSection />
    </SingleColumnLayout>
  )
}

export const config = defineRouteConfig({
  label: "Scoring",
  // After Contacts in the Marketing section of the sidebar.
  rank: 2,
})

export const handle = staticBreadcrumb("Scoring")

export default ScoringPage

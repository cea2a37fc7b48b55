import { XMarkMini } from "@medusajs/icons"
import { IconButton, Text, clx, toast } from "@medusajs/ui"
import { useEffect, useRef } from "react"
import { RelativeTime } from "../../../../components/relative-time"
import {
  useInvalidateScores,
  useRecompute,
} from "../../../../hooks/api/scoring"
import { humanize } from "../../../../lib/format"

type RecomputeProgressProps = {
  id: string
  onDismiss: () => void
  /** Called once when the rebuild ends, done or failed. */
  onFinished?: () => void
}

const percent = (progress: number | undefined) =>
  Math.round(Math.min(1, Math.max(0, progress ?? 0)) * 100)

/**
 * A running score rebuild, polled every second: a progress bar while it
 * runs, then the outcome. Scores shown elsewhere are refreshed when it ends.
 */
export const RecomputeProgress = ({
  id,
  onDismiss,
  onFinished,
}: RecomputeProgressProps) => {
  const { recompute, isError, error } = useRecompute(id)
  const invalidateScores = useInvalidateScores()
  const status = recompute?.status
  // The rebuild was running when it was handed to this component.
  const previous = useRef<string | undefined>("running")

  useEffect(() => {
    const was = previous.current
    previous.current = status
    if (was !== "running" || !status || status === "running") {
      return
    }
    invalidateScores()
    onFinished?.()
    if (status === "done") {
      toast.success("Scores rebuilt", {
        description: "Every contact's scores and stage are up to date.",
      })
    } else {
      toast.error("The scores could not be rebuilt", {
        description: recompute?.error ?? undefined,
      })
    }
    // Only a change of status matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status])

  if (isError) {
    return (
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Text size="small" leading="compact" className="text-ui-fg-error">
          The progress of the rebuild could not be loaded
          {error?.message ? `: ${error.message}` : "."}
        </Text>
        <IconButton size="small" variant="transparent" onClick={onDismiss}>
          <XMarkMini />
        </IconButton>
      </div>
    )
  }

  const value = percent(recompute?.progress)
  const running = !recompute || recompute.status === "running"

  return (
    <div
      className="flex flex-col gap-y-2 px-6 py-4"
      data-testid="scoring-recompute-progress"
      data-status={recompute?.status ?? "running"}
    >
      <div className="flex items-center justify-between gap-x-4">
        <Text size="small" leading="compact" weight="plus" aria-live="polite">
          {running
            ? `Rebuilding scores… ${value}%`
            : recompute.status === "done"
            ? "Scores rebuilt"
            : "The rebuild failed"}
        </Text>
        {running ? (
          <Text size="small" leading="compact" className="text-ui-fg-muted">
            {recompute?.step ? humanize(recompute.step) : "Starting"}
          </Text>
        ) : (
          <div className="flex items-center gap-x-2">
            <Text size="small" leading="compact" className="text-ui-fg-muted">
              <RelativeTime date={recompute.finished_at} />
            </Text>
            <IconButton
              size="small"
              variant="transparent"
              onClick={onDismiss}
              aria-label="Dismiss"
            >
              <XMarkMini />
            </IconButton>
          </div>
        )}
      </div>
      <div
        className="bg-ui-bg-component h-2 w-full overflow-hidden rounded-full"
        role="progressbar"
        aria-label="Score rebuild"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={running ? value : 100}
      >
        <div
          className={clx("h-full rounded-full transition-all", {
            "bg-ui-fg-interactive": recompute?.status !== "failed",
            "bg-ui-tag-red-icon": recompute?.status === "failed",
          })}
          style={{ width: `${running ? value : 100}%` }}
        />
      </div>
      {recompute?.status === "failed" && recompute.error ? (
        <Text size="small" leading="compact" className="text-ui-fg-error">
          {recompute.error}
        </Text>
      ) : null}
      {recompute?.reason ? (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
          {recompute.reason}
        </Text>
      ) : null}
    </div>
  )
}

import { ArrowPath } from "@medusajs/icons"
import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import {
  useRecompute,
  useStartRecompute,
} from "../../../../hooks/api/scoring"
import { RecomputeProgress } from "./recompute-progress"

type ScoringHeaderProps = {
  /** The rebuild being followed, if any. */
  recomputeId: string | null
  onRecomputeChange: (id: string | null) => void
  /** The rebuild ended; it stays on screen until dismissed. */
  onRecomputeFinished?: () => void
}

/** The page title and the "Recompute all scores" action with its progress. */
export const ScoringHeader = ({
  recomputeId,
  onRecomputeChange,
  onRecomputeFinished,
}: ScoringHeaderProps) => {
  const { recompute, isError } = useRecompute(recomputeId)
  const { mutate, isPending } = useStartRecompute({
    onSuccess: ({ recompute }) => onRecomputeChange(recompute.id),
    onError: (error) =>
      toast.error("The rebuild could not be started", {
        description: error.message,
      }),
  })
  // A rebuild that cannot be read (e.g. from an old session) blocks nothing.
  const running =
    !!recomputeId &&
    !isError &&
    (!recompute || recompute.status === "running")

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col items-start justify-between gap-2 px-6 py-4 md:flex-row md:items-center">
        <div className="flex flex-col">
          <Heading level="h1">Scoring</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            Rules give contacts points for what they do and who they are;
            thresholds move them through the lifecycle stages.
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          isLoading={isPending}
          disabled={running}
          onClick={() => mutate()}
          data-testid="scoring-recompute"
        >
          <ArrowPath />
          Recompute all scores
        </Button>
      </div>
      {recomputeId ? (
        <RecomputeProgress
          key={recomputeId}
          id={recomputeId}
          onDismiss={() => onRecomputeChange(null)}
          onFinished={onRecomputeFinished}
        />
      ) : null}
    </Container>
  )
}

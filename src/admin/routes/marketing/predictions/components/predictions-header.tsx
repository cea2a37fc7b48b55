import { ArrowPath, Spinner } from "@medusajs/icons"
import { Button, Container, Heading, Select, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { RelativeTime } from "../../../../components/relative-time"
import { useStartPredictionFit } from "../../../../hooks/api/predictions"
import { formatDateTime } from "../../../../lib/format"
import type { CurrencyPredictions, FitRun } from "../../../../lib/predictions"

type PredictionsHeaderProps = {
  /** Null while the overview loads. */
  overview: { currencies: CurrencyPredictions[]; running: boolean; run: FitRun | null } | null
  currency: string | null
  onCurrency: (code: string) => void
}

/** The title, the currency picker (when several), the fit's date, and "Fit now" with its progress. */
export const PredictionsHeader = ({ overview, currency, onCurrency }: PredictionsHeaderProps) => {
  const currencies = overview?.currencies ?? []
  const selected = currencies.find((c) => c.currency_code === currency)
  const running = !!overview?.running
  // The run started from this page, followed until it ends.
  const [following, setFollowing] = useState<string | null>(null)
  const { mutate, isPending } = useStartPredictionFit({
    onSuccess: ({ run }) => {
      setFollowing(run.id)
      toast.info("Fitting the predictions", {
        description: "Every currency's models are fitted again; on a large store this takes up to a minute.",
      })
    },
    onError: (error) => toast.error("The fit could not be started", { description: error.message }),
  })

  const run = overview?.run
  useEffect(() => {
    if (!following || !run || run.id !== following || run.status === "running" || running) {
      return
    }
    setFollowing(null)
    if (run.status === "done") {
      const fitted = run.fits.filter((f) => f.status === "fitted")
      toast.success("Predictions fitted", {
        description: fitted.length
          ? `${fitted.map((f) => `${f.currency_code.toUpperCase()}: ${f.predictions} customers`).join(", ")}.`
          : "No currency meets the minimums yet.",
      })
    } else {
      toast.error(run.status === "skipped" ? "Another fit ran instead" : "The fit failed", {
        description: run.error ?? undefined,
      })
    }
  }, [following, run, running])

  return (
    <Container className="divide-y p-0" data-testid="predictions-header">
      <div className="flex flex-col items-start justify-between gap-2 px-6 py-4 md:flex-row md:items-center">
        <div className="flex flex-col">
          <Heading level="h1">Predictions</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            Each customer's lifetime value, churn risk and next order, from models fitted on this store's orders, with
            how accurate they were here.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          {currencies.length > 1 ? (
            <Select size="small" value={currency ?? undefined} onValueChange={(value) => value && onCurrency(value)}>
              <Select.Trigger className="w-[120px]" data-testid="predictions-currency" aria-label="Currency">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {currencies.map((c) => (
                  <Select.Item key={c.currency_code} value={c.currency_code}>
                    {c.currency_code.toUpperCase()}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          ) : null}
          <Button
            size="small"
            variant="secondary"
            isLoading={isPending}
            disabled={running || !overview}
            onClick={() => mutate()}
            data-testid="predictions-fit-now"
          >
            <ArrowPath />
            Fit now
          </Button>
        </div>
      </div>
      {running ? (
        <div className="flex items-center gap-x-2 px-6 py-3" data-testid="predictions-fit-running">
          <Spinner className="text-ui-fg-interactive animate-spin" />
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            Fitting the models
            {run?.status === "running" ? (
              <>
                {", started "}
                <RelativeTime date={run.started_at} />
              </>
            ) : (
              " (started on another instance or by the nightly job)"
            )}
            . The figures below are the previous fit's until it ends.
          </Text>
        </div>
      ) : null}
      {selected ? (
        <div className="flex items-center gap-x-2 px-6 py-3" data-testid="predictions-fitted-at">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {selected.currency_code.toUpperCase()} last fitted {formatDateTime(selected.fit.fitted_at)} (
            <RelativeTime date={selected.fit.fitted_at} />
            ). Fitted again every night at 04:00.
          </Text>
        </div>
      ) : null}
    </Container>
  )
}

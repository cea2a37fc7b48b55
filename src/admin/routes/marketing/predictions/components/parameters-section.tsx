import { TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Container, Text } from "@medusajs/ui"
import { useState } from "react"
import { SectionRow } from "../../../../components/section-row"
import type { PredictionFit } from "../../../../lib/predictions"

type ParametersSectionProps = {
  fit: PredictionFit
  lifetimeYears: number
  annualDiscountRate: number
}

const num = (value: number | undefined | null, digits = 4) =>
  value === undefined || value === null || !Number.isFinite(value)
    ? "-"
    : new Intl.NumberFormat(undefined, { maximumSignificantDigits: digits }).format(value)

/** The models' fitted parameters and timings, folded away: for whoever checks the maths. */
export const ParametersSection = ({ fit, lifetimeYears, annualDiscountRate }: ParametersSectionProps) => {
  // MBG/NBD since it replaced BG/NBD; older fits name no model and hold BG/NBD's.
  const kind = fit.parameters?.orders_model ?? "bgnbd"
  const orders = kind === "mbgnbd" ? fit.parameters?.mbgnbd : fit.parameters?.bgnbd
  const model = kind === "mbgnbd" ? "MBG/NBD" : "BG/NBD"
  const spend = fit.parameters?.gamma_gamma
  const [open, setOpen] = useState(false)
  const Chevron = open ? TriangleDownMini : TriangleRightMini
  return (
    <Container className="p-0" data-testid="predictions-parameters">
      <button
        type="button"
        className="flex w-full items-center gap-x-2 px-6 py-4 text-left outline-none"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="predictions-parameters-toggle"
      >
        <Chevron className="text-ui-fg-muted shrink-0" />
        <div className="flex flex-col">
            <Text size="small" weight="plus">
              Technical details
            </Text>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {model} for the orders (a customer may stop after any order, the first included) and Gamma-Gamma for the
              value per order (Fader, Hardie and Lee, 2005), fitted by maximum likelihood.
            </Text>
        </div>
      </button>
      {open ? (
        <div className="divide-y border-t">
          <SectionRow title={`${model} r, α (orders per week)`} value={`${num(orders?.r)}, ${num(orders?.alpha)}`} mono />
          <SectionRow title={`${model} a, b (stopping after an order)`} value={`${num(orders?.a)}, ${num(orders?.b)}`} mono />
          <SectionRow
            title={`${model} log-likelihood`}
            value={orders ? `${num(orders.log_likelihood, 8)}${orders.converged ? "" : " (did not converge)"}` : null}
            mono
          />
          <SectionRow
            title="Gamma-Gamma p, q, γ"
            value={spend ? `${num(spend.p)}, ${num(spend.q)}, ${num(spend.gamma)}${spend.converged ? "" : " (did not converge)"}` : "Not fitted: no repeat buyer with a positive order value"}
            mono={!!spend}
          />
          {spend ? <SectionRow title="Gamma-Gamma customers" value={String(spend.customers)} /> : null}
          <SectionRow
            title="Lifetime value"
            value={`${lifetimeYears} years, discounted ${Math.round(annualDiscountRate * 1000) / 10}% a year`}
          />
          <SectionRow
            title="Seconds per phase"
            value={
              fit.timings
                ? Object.entries(fit.timings)
                    .map(([phase, s]) => `${phase} ${num(s, 3)}`)
                    .join(", ")
                : null
            }
            mono
          />
          <SectionRow title="Fit id" value={fit.id} mono />
        </div>
      ) : null}
    </Container>
  )
}

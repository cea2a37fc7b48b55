/**
 * Maximum likelihood goes through fmin's Nelder-Mead (derivative-free, so a
 * likelihood needs no hand-written gradient). fmin is pinned at 0.0.2: 0.0.4
 * declares "type": "module" over a UMD build, so Node's require gets an empty
 * object, and its shrink step assigns an undeclared `i` in strict mode.
 */
import { nelderMead } from "fmin"

export type Minimum = { x: number[]; fx: number; evaluations: number; restarts: number; converged: boolean }

export type MinimizeOptions = {
  /** First simplex step in every coordinate (log-parameters: 0.5 is a factor of 1.65). */
  step?: number
  /**
   * fmin's stopping tolerance, on the objective and on the coordinates alike
   * (fmin 0.0.2 reads one option for both). 1e-8 on log-parameters is far
   * finer than any estimate's sampling error.
   */
  tolerance?: number
  /**
   * Nelder-Mead can stall on a collapsed simplex; a fresh, smaller one from
   * the best point either moves on or confirms the minimum. One restart
   * usually confirms it, at a third of the evaluations of the first run.
   */
  maxRestarts?: number
  maxIterations?: number
}

/**
 * Minimizes `f` from `start`, restarting from the best point until a restart
 * no longer improves it by `tolerance`. The search runs on an offset from the
 * current point, so each (re)start's simplex has the same absolute step.
 */
export function minimize(f: (x: number[]) => number, start: number[], options: MinimizeOptions = {}): Minimum {
  const { step = 0.5, tolerance = 1e-8, maxRestarts = 8, maxIterations = 2000 } = options
  let evaluations = 0
  // Non-finite values (overflow far from the optimum) would break the simplex's sort
  const safe = (x: number[]) => {
    evaluations++
    const v = f(x)
    return Number.isFinite(v) ? v : 1e300
  }
  let best = { x: start.slice(), fx: safe(start) }
  let restarts = 0
  let converged = false
  for (let run = 0; run <= maxRestarts; run++) {
    const origin = best.x
    const result = nelderMead((d) => safe(origin.map((o, i) => o + d[i])), origin.map(() => 0), {
      zeroDelta: run === 0 ? step : step / 10,
      minErrorDelta: tolerance,
      maxIterations,
    })
    const improved = best.fx - result.fx
    if (result.fx < best.fx) best = { x: origin.map((o, i) => o + result.x[i]), fx: result.fx }
    if (run > 0) restarts++
    if (run > 0 && !(improved > tolerance)) {
      converged = true
      break
    }
  }
  return { x: best.x, fx: best.fx, evaluations, restarts, converged }
}

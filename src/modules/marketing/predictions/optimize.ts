/**
 * Maximum likelihood goes through numeric's uncmin, a quasi-Newton (BFGS)
 * minimizer, on a central-difference gradient, so a likelihood needs no
 * hand-written derivatives. numeric 1.2.6 has no dependencies (it replaced
 * fmin 0.0.2, whose runtime dependencies pulled about 100 packages, an old
 * uglify-js among them, into every store; fmin 0.0.4 does not load under Node).
 */
import type { UncminResult } from "numeric"

// numeric-1.2.6.js sets global.numeric at load, and the functions it builds with Function() look it up there when
// called: the host's global is restored after the load and holds numeric only while uncmin runs (synchronously).
const host = globalThis as { numeric?: unknown }
const withGlobal = <T>(run: () => T): T => {
  const had = Object.prototype.hasOwnProperty.call(host, "numeric")
  const previous = host.numeric
  try {
    return run()
  } finally {
    if (had) host.numeric = previous
    else delete host.numeric
  }
}
const numeric: typeof import("numeric") = withGlobal(() => require("numeric"))
const uncmin: typeof numeric.uncmin = (...args) =>
  withGlobal(() => {
    host.numeric = numeric
    return numeric.uncmin(...args)
  })

export type Minimum = { x: number[]; fx: number; evaluations: number; restarts: number; converged: boolean }

export type MinimizeOptions = {
  /**
   * uncmin stops when its step (on the coordinates, here log-parameters) is
   * shorter than this; a restart has to improve the objective by more than
   * this to go on. 1e-8 is far finer than any estimate's sampling error.
   */
  tolerance?: number
  /**
   * uncmin can stop short of a clean convergence (its line search runs out
   * of step on a stale Hessian estimate); a restart from the best point, with
   * a fresh one, either moves on or confirms the minimum.
   */
  maxRestarts?: number
  /** Per (re)start, counted as uncmin counts: BFGS steps plus line-search halvings. */
  maxIterations?: number
}

const CLEAN = "Newton step smaller than tol"
// Non-finite values (overflow far from the optimum) stand in as a large finite value
const LARGE = 1e300

/**
 * Minimizes `f` from `start`. A run that ends on a clean convergence is
 * final; any other ending restarts from the best point, until a restart
 * converges cleanly or no longer improves the objective by `tolerance`.
 */
export function minimize(f: (x: number[]) => number, start: number[], options: MinimizeOptions = {}): Minimum {
  const { tolerance = 1e-8, maxRestarts = 8, maxIterations = 1000 } = options
  let evaluations = 0
  const raw = (x: number[]) => {
    evaluations++
    return f(x)
  }
  const safe = (x: number[]) => {
    const v = raw(x)
    return Number.isFinite(v) ? v : LARGE
  }
  // Central differences, one-sided where one side is not finite; the step
  // (about the cube root of the machine epsilon) balances truncation and rounding
  const gradient = (x: number[]) => {
    const point = x.slice()
    return x.map((xi, i) => {
      const h = 1e-5 * Math.max(1, Math.abs(xi))
      point[i] = xi + h
      const up = raw(point)
      point[i] = xi - h
      const down = raw(point)
      point[i] = xi
      if (Number.isFinite(up) && Number.isFinite(down)) return (up - down) / (2 * h)
      const mid = raw(point)
      if (Number.isFinite(up)) return (up - mid) / h
      if (Number.isFinite(down)) return (mid - down) / h
      return NaN // uncmin stops on a non-finite gradient; the best point so far stands
    })
  }
  let best = { x: start.slice(), fx: safe(start) }
  let restarts = 0
  let converged = false
  for (let run = 0; run <= maxRestarts; run++) {
    const result: UncminResult = uncmin(safe, best.x, tolerance, gradient, maxIterations)
    const improved = best.fx - result.f
    if (result.f < best.fx) best = { x: result.solution.slice(), fx: result.f }
    if (run > 0) restarts++
    if (result.message === CLEAN || (run > 0 && !(improved > tolerance))) {
      converged = true
      break
    }
  }
  return { x: best.x, fx: best.fx, evaluations, restarts, converged }
}

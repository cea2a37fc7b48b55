// numeric ships no types; only what optimize.ts uses is declared.
declare module "numeric" {
  export type UncminResult = {
    solution: number[]
    f: number
    gradient: number[]
    invHessian: number[][]
    /** BFGS steps plus line-search halvings. */
    iterations: number
    /** "Newton step smaller than tol" on a clean convergence. */
    message: string
  }
  /**
   * Quasi-Newton (BFGS) minimization with a backtracking line search. Stops
   * when the step H⁻¹∇f, or the line search's step, is shorter than `tol`.
   */
  export function uncmin(
    f: (x: number[]) => number,
    x0: number[],
    tol?: number,
    gradient?: (x: number[]) => number[],
    maxit?: number
  ): UncminResult
}

// fmin ships no types; only what optimize.ts uses is declared.
declare module "fmin" {
  export type NelderMeadOptions = {
    maxIterations?: number
    /** Initial simplex step for a coordinate that is 0 (fmin's name). */
    zeroDelta?: number
    /** Stop when the best and worst values, and the best two points, are this close. */
    minErrorDelta?: number
  }
  export function nelderMead(f: (x: number[]) => number, x0: number[], options?: NelderMeadOptions): { fx: number; x: number[] }
}

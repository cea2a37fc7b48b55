/**
 * Purchase propensity for leads: the probability of a first order in the
 * next 30 days, by logistic regression on behaviour and profile features.
 *
 * The fit is Newton's method on the log-likelihood (iteratively reweighted
 * least squares, as R's glm and statsmodels fit it), each step solved by
 * ml-matrix's Cholesky decomposition. ml-logistic-regression was tried and
 * set aside: a fixed-step gradient ascent with no intercept or convergence
 * test, it took 270 s for 50k rows at 2,000 steps and its two one-vs-all
 * classifiers still disagreed. Newton takes a handful of passes over the rows
 * and gives standard errors, so the admin can show how sure each weight is.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix"

export type PropensityModel = {
  features: string[]
  /** Log-odds with every feature at 0. */
  intercept: number
  /** Change in log-odds per unit of each feature. */
  weights: number[]
  standard_errors: number[]
  ridge: number
  rows: number
  /** Rows with the outcome (a first order). */
  positives: number
  iterations: number
  converged: boolean
}

export type FitPropensityOptions = {
  /**
   * L2 penalty on the weights of standardized features: a Normal(0, 1/ridge)
   * prior on the log-odds change per standard deviation. The default 1 is
   * weak beside thousands of rows, yet keeps a feature that separates buyers
   * perfectly (or never varies) at a finite weight instead of none.
   */
  ridge?: number
  maxIterations?: number
}

const Z95 = 1.959963984540054

function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))
}

function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta))
}

/**
 * Fits the model on `rows` (one array of feature values per contact, in
 * `features` order) and `bought` (whether each went on to a first order).
 * Features are standardized for the fit, then weights are given back per
 * unit of the feature as it was passed.
 */
export function fitPurchasePropensity(
  rows: number[][],
  bought: (boolean | number)[],
  features: string[],
  options: FitPropensityOptions = {}
): PropensityModel {
  const ridge = options.ridge ?? 1
  const maxIterations = options.maxIterations ?? 50
  const n = rows.length
  const d = features.length
  if (bought.length !== n) throw new RangeError(`bought has ${bought.length} outcomes for ${n} rows`)
  rows.forEach((row, i) => {
    if (row.length !== d) throw new RangeError(`rows[${i}] has ${row.length} values for ${d} features`)
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`rows[${i}][${j}] (${features[j]}) must be a finite number, got ${v}`)
    })
  })
  const y = Float64Array.from(bought, (b) => (b ? 1 : 0))
  const positives = y.reduce((s, v) => s + v, 0)
  const mean = new Float64Array(d)
  const sd = new Float64Array(d)
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] += row[j] / n
  for (const row of rows) for (let j = 0; j < d; j++) sd[j] += (row[j] - mean[j]) ** 2 / n
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1 // a constant column stays at 0 after centering
  // One flat array, row after row: column 0 is the intercept, 1..d the standardized features
  const k = d + 1
  const z = new Float64Array(n * k)
  rows.forEach((row, i) => {
    z[i * k] = 1
    for (let j = 0; j < d; j++) z[i * k + j + 1] = (row[j] - mean[j]) / sd[j]
  })
  const beta = new Float64Array(k)
  const penalized = (b: Float64Array) => {
    let loss = 0
    for (let i = 0; i < n; i++) {
      let eta = 0
      for (let j = 0; j < k; j++) eta += b[j] * z[i * k + j]
      loss += softplus(eta) - y[i] * eta
    }
    for (let j = 1; j < k; j++) loss += 0.5 * ridge * b[j] * b[j]
    return loss
  }
  // The penalized Hessian Xᵀ W X + ridge and the gradient at b, summed in flat arrays (one pass over the rows)
  const curvature = (b: Float64Array) => {
    const h = new Float64Array(k * k)
    const grad = new Float64Array(k)
    for (let i = 0; i < n; i++) {
      const at = i * k
      let eta = 0
      for (let j = 0; j < k; j++) eta += b[j] * z[at + j]
      const p = sigmoid(eta)
      const w = p * (1 - p)
      for (let j = 0; j < k; j++) {
        grad[j] += (y[i] - p) * z[at + j]
        const wz = w * z[at + j]
        for (let l = 0; l <= j; l++) h[j * k + l] += wz * z[at + l]
      }
    }
    for (let j = 1; j < k; j++) {
      h[j * k + j] += ridge
      grad[j] -= ridge * b[j]
    }
    const hessian = Matrix.zeros(k, k)
    for (let j = 0; j < k; j++) for (let l = 0; l <= j; l++) hessian.set(j, l, h[j * k + l]).set(l, j, h[j * k + l])
    return { hessian, grad }
  }
  let loss = penalized(beta)
  let iterations = 0
  let converged = false
  while (iterations < maxIterations) {
    iterations++
    const { hessian, grad } = curvature(beta)
    const step = new CholeskyDecomposition(hessian).solve(Matrix.columnVector(Array.from(grad))).to1DArray()
    const size = Math.max(...step.map(Math.abs))
    // Halve the Newton step until the penalized loss goes down (it nearly always does at once)
    let scale = 1
    let next = beta
    let nextLoss = Infinity
    for (let halvings = 0; halvings < 30; halvings++, scale /= 2) {
      next = beta.map((b, j) => b + scale * step[j])
      nextLoss = penalized(next)
      if (nextLoss <= loss) break
    }
    // No step lowers the loss: at the optimum up to rounding, if the step was already tiny
    if (!(nextLoss <= loss)) {
      converged = size < 1e-6
      break
    }
    beta.set(next)
    loss = nextLoss
    if (size * scale < 1e-9) {
      converged = true
      break
    }
  }
  const covariance = new CholeskyDecomposition(curvature(beta).hessian).solve(Matrix.eye(k, k))
  // Back to the features' own units: β_j = β'_j / sd_j, and the intercept absorbs the centering
  const weights = Array.from({ length: d }, (_, j) => beta[j + 1] / sd[j])
  const intercept = beta[0] - weights.reduce((s, w, j) => s + w * mean[j], 0)
  return {
    features: [...features],
    intercept,
    weights,
    standard_errors: weights.map((_, j) => Math.sqrt(covariance.get(j + 1, j + 1)) / sd[j]),
    ridge,
    rows: n,
    positives,
    iterations,
    converged,
  }
}

/** The probability of a first order for one contact's features (in the model's feature order). */
export function purchaseProbability(model: PropensityModel, row: number[]): number {
  let eta = model.intercept
  for (let j = 0; j < model.weights.length; j++) eta += model.weights[j] * row[j]
  return sigmoid(eta)
}

export type OddsRatio = {
  feature: string
  /** How the odds of a first order multiply per unit of the feature (e^weight). */
  odds_ratio: number
  /** The 95% interval (Wald): an interval around 1 means the store's data cannot tell. */
  low: number
  high: number
}

export function oddsRatios(model: PropensityModel): OddsRatio[] {
  return model.features.map((feature, j) => ({
    feature,
    odds_ratio: Math.exp(model.weights[j]),
    low: Math.exp(model.weights[j] - Z95 * model.standard_errors[j]),
    high: Math.exp(model.weights[j] + Z95 * model.standard_errors[j]),
  }))
}

/** "×2.4 odds": an odds ratio as the admin words it, to two significant digits. */
export function oddsLabel(oddsRatio: number): string {
  return `×${Number(oddsRatio.toPrecision(2))} odds`
}

/**
 * The area under the ROC curve: the probability that a random buyer scores
 * above a random non-buyer, ties counting half (the Mann–Whitney U statistic
 * over n₁n₀, from average ranks). NaN without both buyers and non-buyers.
 */
export function areaUnderCurve(scores: number[], bought: (boolean | number)[]): number {
  const n = scores.length
  if (bought.length !== n) throw new RangeError(`bought has ${bought.length} outcomes for ${n} scores`)
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[i] - scores[j])
  let rankSum = 0
  let positives = 0
  for (let start = 0; start < n; ) {
    let end = start
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++
    const rank = (start + end) / 2 + 1 // ties share their average rank
    for (let t = start; t <= end; t++) {
      if (bought[order[t]]) {
        rankSum += rank
        positives++
      }
    }
    start = end + 1
  }
  const negatives = n - positives
  if (!positives || !negatives) return NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

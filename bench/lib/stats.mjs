// Summaries of repeated measurements: the median and the spread, never a single run.

/** The q-quantile (0..1) of numbers, linearly interpolated between the closest ranks. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  const above = Math.ceil(position)
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below)
}

/** Median, quartiles and range of a sample (`n` values). */
export function summarize(values) {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
    values,
  }
}

/** Ratios of paired runs (`ours[i] / baseline[i]`): both ran back to back, under the same noise. */
export function pairedRatios(ours, baseline) {
  return ours.map((value, index) => value / baseline[index])
}

/** `1,234.5` style, with `digits` decimals. */
export function format(value, digits = 0) {
  if (!Number.isFinite(value)) return 'n/a'
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Summary statistics of the simulator's report. Pure. */

/** The q-quantile (0..1) of ascending `sorted` values, interpolated linearly between ranks; undefined when empty. */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function median(values: readonly number[]): number | undefined {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/**
 * The median absolute percentage error of promised against actual waits, as a fraction (0.2 is 20%): the median of
 * |promised − actual| / actual over the pairs whose actual wait is above 0.
 */
export function medianAbsPctError(pairs: readonly { promised: number; actual: number }[]): number | undefined {
  return median(pairs.filter((p) => p.actual > 0).map((p) => Math.abs(p.promised - p.actual) / p.actual));
}

export interface WaitSummary {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
}

/** Percentiles and mean of waits in seconds (zeros when there are none). */
export function summarizeWaits(waits: readonly number[]): WaitSummary {
  const sorted = [...waits].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? 0 : sorted.reduce((sum, w) => sum + w, 0) / sorted.length;
  return { p50: quantile(sorted, 0.5) ?? 0, p90: quantile(sorted, 0.9) ?? 0, p99: quantile(sorted, 0.99) ?? 0, mean };
}

// Small numeric helpers of the browser benchmark: percentiles and formatting.

/** The p-th percentile (0–100) of `values`, nearest-rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median of `values`. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds, rounded for a table. */
export function ms(value) {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** Bytes as KB (1 KB = 1,000 bytes) or MB. */
export function size(bytes) {
  if (Math.abs(bytes) >= 10_000_000) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** A signed size ("+1.2 KB", "-0.4 KB", "0 B"). */
export function growth(bytes) {
  if (bytes === 0) return '0 B';
  return (bytes > 0 ? '+' : '-') + size(Math.abs(bytes));
}

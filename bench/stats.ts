// Small statistics for the benchmark: nearest-rank percentiles over every sample (no sampling, no histograms).

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of the samples (milliseconds, or whatever unit they are in). */
export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN, mean: sorted.length ? mean : Number.NaN };
}

/** A number for a table: one decimal under 100, none above; a dash for no value. */
export function fmt(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const places = digits ?? (Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0);
  return value.toFixed(places);
}

/** "3.1×" for ours over the baseline's; a dash when either is missing. */
export function ratio(ours: number | null | undefined, baseline: number | null | undefined): string {
  if (!ours || !baseline || !Number.isFinite(ours) || !Number.isFinite(baseline)) return '–';
  return `${(ours / baseline).toFixed(1)}×`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` for each index with at most `inFlight` at a time, in index order. */
export async function pool(count: number, inFlight: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) {
        const index = next++;
        await work(index);
      }
    }),
  );
}

/** Polls `done` every `everyMs` until it is true or `timeoutMs` has passed; returns whether it became true. */
export async function waitUntil(done: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/**
 * The duration sketch of the analytics rollups (migrations/0016_analytics_rollups.ts keeps the same bin rule in
 * SQL): a duration of ms milliseconds falls in bin 0 under 10 ms, else in bin 1 + floor(log_1.04(ms / 10)), so bin
 * i ≥ 1 holds [10·1.04^(i-1), 10·1.04^i). A bin stands for the value whose distance to both its edges is the same
 * share, 2·low·1.04/(1 + 1.04), so any value it holds is within 2% of it (1.96%, (1.04 - 1)/(1.04 + 1)): a percentile
 * read from the sketch is within 2% of the exact one (as PostgreSQL's percentile_cont interpolates, between the
 * representatives of the two ranks). Pure: no I/O.
 */
export const sketchGrowth = 1.04;
const smallestMs = 10;
const lastBin = 599;

/** The largest relative error of a percentile read from a sketch. */
export const sketchRelativeError = (sketchGrowth - 1) / (sketchGrowth + 1);

export function binOf(ms: number): number {
  if (ms < smallestMs) return 0;
  return Math.min(lastBin, 1 + Math.floor(Math.log(ms / smallestMs) / Math.log(sketchGrowth)));
}

/** The milliseconds a bin stands for. */
export function representativeMs(bin: number): number {
  if (bin <= 0) return smallestMs / 2;
  const low = smallestMs * sketchGrowth ** (bin - 1);
  return (2 * low * sketchGrowth) / (1 + sketchGrowth);
}

/** Counts per bin, merged from any number of sketches. */
export class DurationSketch {
  private readonly counts = new Map<number, number>();
  private total = 0;

  add(bin: number, count: number): void {
    if (count === 0) return;
    this.counts.set(bin, (this.counts.get(bin) ?? 0) + count);
    this.total += count;
  }

  merge(other: DurationSketch): void {
    for (const [bin, count] of other.counts) this.add(bin, count);
  }

  get count(): number {
    return this.total;
  }

  /** The q-quantile in seconds, interpolated as percentile_cont does; null when the sketch is empty. */
  percentile(q: number): number | null {
    if (this.total <= 0) return null;
    const position = q * (this.total - 1);
    const lower = Math.floor(position);
    const [low, high] = this.valuesAtRanks(lower, Math.min(lower + 1, this.total - 1));
    return (low + (position - lower) * (high - low)) / 1000;
  }

  /** The representatives (ms) of the values at two ranks (0-based, a ≤ b), in one walk of the bins. */
  private valuesAtRanks(a: number, b: number): [number, number] {
    const bins = [...this.counts.entries()].filter(([, count]) => count > 0).sort(([x], [y]) => x - y);
    let seen = 0;
    let first: number | null = null;
    for (const [bin, count] of bins) {
      seen += count;
      if (first === null && a < seen) first = representativeMs(bin);
      if (b < seen) return [first ?? representativeMs(bin), representativeMs(bin)];
    }
    const last = representativeMs(bins.at(-1)?.[0] ?? 0);
    return [first ?? last, last];
  }
}

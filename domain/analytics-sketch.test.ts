import { describe, expect, it } from 'vitest';
import { binOf, DurationSketch, representativeMs, sketchRelativeError } from './analytics-sketch.ts';

/** percentile_cont over exact values, in seconds. */
function exactPercentile(valuesMs: number[], q: number): number {
  const sorted = [...valuesMs].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return (sorted[lower]! + (position - lower) * (sorted[upper]! - sorted[lower]!)) / 1000;
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('the duration sketch', () => {
  it('puts every duration in a bin whose representative is within 2% of it', () => {
    expect(sketchRelativeError).toBeLessThan(0.02);
    for (const ms of [10, 11, 99.5, 1_000, 60_000, 3_600_000, 86_400_000, 7 * 86_400_000, 29 * 86_400_000]) {
      const error = Math.abs(representativeMs(binOf(ms)) - ms) / ms;
      expect(error, `${ms} ms`).toBeLessThanOrEqual(sketchRelativeError + 1e-12);
    }
  });

  it('reads p50 and p90 within 2% of percentile_cont over the exact values, whatever their spread', () => {
    const next = random(7);
    const shapes: Record<string, () => number> = {
      'waits of seconds to hours (log-normal)': () => Math.exp(Math.log(40_000) + 1.6 * Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next())),
      'uniform minutes': () => 60_000 + next() * 600_000,
      'a few distinct values': () => [30_000, 45_000, 90_000][Math.floor(next() * 3)]!,
    };
    for (const [shape, draw] of Object.entries(shapes)) {
      for (const size of [1, 2, 3, 10, 1_000, 50_000]) {
        const values = Array.from({ length: size }, () => Math.max(10, Math.round(draw())));
        const sketch = new DurationSketch();
        for (const value of values) sketch.add(binOf(value), 1);
        for (const q of [0.5, 0.9]) {
          const exact = exactPercentile(values, q);
          const read = sketch.percentile(q)!;
          expect(Math.abs(read - exact) / exact, `${shape}, ${size} values, q ${q}`).toBeLessThanOrEqual(sketchRelativeError + 1e-9);
        }
      }
    }
  });

  it('merges sketches by adding their counts, and an emptied sketch reads nothing', () => {
    const sketch = new DurationSketch();
    expect(sketch.percentile(0.5)).toBeNull();
    sketch.add(binOf(60_000), 2);
    sketch.add(binOf(120_000), 1);
    sketch.add(binOf(120_000), -1);
    expect(sketch.count).toBe(2);
    expect(Math.abs(sketch.percentile(0.5)! - 60) / 60).toBeLessThanOrEqual(sketchRelativeError);
  });
});

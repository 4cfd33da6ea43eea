import { describe, expect, it } from 'vitest';
import { adjacentPairs, estimateShare } from './handover-search.ts';

describe('estimateShare', () => {
  const shares = { shares: new Map([['refund', 0.8], ['parcel', 0.5], ["o'brien", 0.02]]) };

  it('multiplies the shares of the words a query requires, a word too rare to be counted as none', () => {
    expect(estimateShare("'refund'", shares)).toBeCloseTo(0.8);
    expect(estimateShare("'refund' & 'parcel'", shares)).toBeCloseTo(0.4);
    expect(estimateShare("'refund' & 'kumquat'", shares)).toBe(0);
    expect(estimateShare("'refund' <-> 'parcel'", shares)).toBeCloseTo(0.4);
    expect(estimateShare("'o''brien'", shares)).toBeCloseTo(0.02);
  });

  it('leaves out words the query excludes, and knows nothing of OR, of no required word, or without statistics', () => {
    expect(estimateShare("'refund' & !'parcel'", shares)).toBeCloseTo(0.8);
    expect(estimateShare("'refund' | 'parcel'", shares)).toBeNull();
    expect(estimateShare("!'parcel'", shares)).toBeNull();
    expect(estimateShare('', shares)).toBeNull();
    expect(estimateShare("'refund'", null)).toBeNull();
  });
});

describe('adjacentPairs', () => {
  it('gives each two words a phrase puts next to each other, in order, and none across its other words', () => {
    expect(adjacentPairs("'refund' <-> 'parcel'")).toEqual([['refund', 'parcel']]);
    expect(adjacentPairs("'a' <-> 'b' & 'c' & 'd' <-> 'e' <-> 'f'")).toEqual([['a', 'b'], ['d', 'e'], ['e', 'f']]);
    expect(adjacentPairs("'e-mail' <-> 'e' <-> 'mail' <-> 'address'")).toEqual([['e-mail', 'e'], ['e', 'mail'], ['mail', 'address']]);
    expect(adjacentPairs("'refund' & 'parcel'")).toEqual([]);
    expect(adjacentPairs("'refund' <2> 'parcel'")).toEqual([]);
  });

  it('reads a quote or a backslash in a word as tsquery writes them, doubled', () => {
    expect(adjacentPairs("'x.com/a''b' <-> 'now'")).toEqual([["x.com/a'b", 'now']]);
    expect(adjacentPairs(String.raw`'a\\b' <-> 'c'`)).toEqual([[String.raw`a\b`, 'c']]);
  });
});

import { describe, expect, it } from 'vitest';
import { estimateShare } from './handover-search.ts';

describe('estimateShare', () => {
  const shares = { shares: new Map([['refund', 0.8], ['parcel', 0.5], ["o'brien", 0.02]]), rows: 100 };

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

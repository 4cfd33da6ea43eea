import { describe, expect, it } from 'vitest';
import { estimateShare, phraseNarrowing } from './handover-search.ts';
import { pairTerm } from './handover-words.ts';

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

describe('phraseNarrowing', () => {
  const pair = (first: string, second: string) => `'${pairTerm(first, second)}'`;

  it('narrows a phrase to the pairs of its words that stand together', () => {
    expect(phraseNarrowing("'refund' <-> 'parcel'")).toBe(`( ${pair('refund', 'parcel')} )`);
    expect(phraseNarrowing("'refund' <-> 'parcel' <-> 'late' & 'tanaka'")).toBe(
      `( ${pair('refund', 'parcel')} & ${pair('parcel', 'late')} ) & 'tanaka'`,
    );
    expect(phraseNarrowing("'o''brien' <-> 'said'")).toBe(`( ${pair("o'brien", 'said')} )`);
  });

  it('takes the words of any other phrase operator in any order', () => {
    expect(phraseNarrowing("'refund' <2> 'parcel'")).toBe("'refund' & 'parcel'");
    expect(phraseNarrowing("'voucher' <-> ( 'code' | 'number' )")).toBe("'voucher' & ( 'code' | 'number' )");
  });

  it('makes the terms PostgreSQL’s search_pairs makes: a space and 12 hex digits of the md5 of both words', () => {
    // What PostgreSQL answered to select search_pairs(to_tsvector('simple', 'refund parcel')), and 'Привет мир'
    // (test/db/handover-words-migration.test.ts compares the two sides on a real database too).
    expect(pairTerm('refund', 'parcel')).toBe(' 66d0ac0ccb7b');
    expect(pairTerm('привет', 'мир')).toBe(' 0d171f26ea8d');
    expect(pairTerm('parcel', 'refund')).not.toBe(pairTerm('refund', 'parcel'));
  });
});

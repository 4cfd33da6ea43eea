import { describe, expect, it } from 'vitest';
import { estimateShare, phraseNarrowing } from './handover-search.ts';
import { pairTerm } from './handover-words.ts';

describe('estimateShare', () => {
  const shares = { shares: new Map([['refund', 0.8], ['parcel', 0.5], ["o'brien", 0.02]]) };

  it('multiplies the shares of the words a query requires, a word too rare to be counted as none', () => {
    expect(estimateShare("'refund'", shares)).toBeCloseTo(0.8);
    expect(estimateShare("'refund' & 'parcel'", shares)).toBeCloseTo(0.4);
    expect(estimateShare("'refund' & 'kumquat'", shares)).toBe(0);
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

describe('phrases', () => {
  const pair = (first: string, second: string) => `'${pairTerm(first, second)}'`;

  it('narrows a phrase to the pairs of its words that stand together, or its words where pairs overflowed', () => {
    expect(phraseNarrowing("'refund' <-> 'parcel'")).toBe(`( ( ${pair('refund', 'parcel')} ) | ( ' +' & 'refund' & 'parcel' ) )`);
    expect(phraseNarrowing("'refund' <-> 'parcel' <-> 'late' & 'tanaka'")).toBe(
      `( ( ${pair('refund', 'parcel')} & ${pair('parcel', 'late')} ) | ( ' +' & 'refund' & 'parcel' & 'late' ) ) & 'tanaka'`,
    );
    expect(phraseNarrowing("'o''brien' <-> 'said'")).toBe(`( ( ${pair("o'brien", 'said')} ) | ( ' +' & 'o''brien' & 'said' ) )`);
  });

  it('estimates a phrase by its rarest pair, not the product of pairs that come together', () => {
    const withPairs = {
      shares: new Map([
        ['refund', 0.8],
        ['parcel', 0.5],
        ['tanaka', 0.1],
        [pairTerm('refund', 'parcel'), 0.25],
        [pairTerm('parcel', 'late'), 0.2],
      ]),
    };
    expect(estimateShare("'refund' <-> 'parcel'", withPairs)).toBeCloseTo(0.25);
    expect(estimateShare("'refund' <-> 'parcel' <-> 'late' & 'tanaka'", withPairs)).toBeCloseTo(0.02);
    // A pair the statistics do not keep is rare: read through the index.
    expect(estimateShare("'parcel' <-> 'refund'", withPairs)).toBe(0);
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

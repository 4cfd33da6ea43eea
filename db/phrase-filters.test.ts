import { describe, expect, it } from 'vitest';
import { requiredPairs } from './phrase-filters.ts';

describe('requiredPairs', () => {
  it('takes each two words a phrase puts side by side, from querytree’s text', () => {
    expect(requiredPairs("'refund' <-> 'parcel'")).toEqual([['refund', 'parcel']]);
    expect(requiredPairs("'parcel' <-> 'is' <-> 'late' & 'tanaka'")).toEqual([['parcel', 'is'], ['is', 'late']]);
    expect(requiredPairs("'e-mail' <-> 'e' <-> 'mail' & 'x' <-> 'y'")).toEqual([['e-mail', 'e'], ['e', 'mail'], ['x', 'y']]);
    expect(requiredPairs("'o''brien' <-> 'a\\\\b'")).toEqual([["o'brien", 'a\\b']]);
  });

  it('requires nothing it cannot be sure of: words not adjacent, across parentheses, or under OR or NOT', () => {
    expect(requiredPairs("'refund' & 'parcel'")).toEqual([]);
    expect(requiredPairs("'refund' <2> 'parcel'")).toEqual([]);
    expect(requiredPairs("( 'a' & 'b' ) <-> 'c'")).toEqual([]);
    expect(requiredPairs("'a' <-> ( 'b' & 'c' )")).toEqual([]);
    expect(requiredPairs("'refund' <-> 'parcel' | 'kumquat'")).toEqual([]);
    expect(requiredPairs("'refund' <-> !'parcel'")).toEqual([]);
    expect(requiredPairs('T')).toEqual([]);
    expect(requiredPairs("'refund':* <-> 'parcel'")).toEqual([]);
    expect(requiredPairs("'refund':A <-> 'parcel'")).toEqual([]);
  });
});

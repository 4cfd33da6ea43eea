import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isUtc, offsetIsWholeHoursThroughout } from './time-zones.ts';

describe('time zones', () => {
  it('names a zone canonically, or not at all', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });

  it('tells zones whose hours start on UTC hours throughout a period, DST and half-hour shifts included', () => {
    const [january, december] = [new Date('2026-01-10T00:00:00Z'), new Date('2026-12-10T00:00:00Z')];
    expect(offsetIsWholeHoursThroughout('UTC', january, december)).toBe(true);
    expect(offsetIsWholeHoursThroughout('Europe/Paris', january, december)).toBe(true);
    expect(offsetIsWholeHoursThroughout('America/New_York', january, december)).toBe(true);
    expect(offsetIsWholeHoursThroughout('Asia/Kolkata', january, december)).toBe(false);
    // Lord Howe Island: +11:00 in its summer, +10:30 in its winter, so both ends of the year are whole hours.
    expect(offsetIsWholeHoursThroughout('Australia/Lord_Howe', january, new Date('2026-01-20T00:00:00Z'))).toBe(true);
    expect(offsetIsWholeHoursThroughout('Australia/Lord_Howe', january, december)).toBe(false);
    expect([isUtc('UTC'), isUtc('Etc/UTC'), isUtc('Europe/London')]).toEqual([true, true, false]);
  });
});

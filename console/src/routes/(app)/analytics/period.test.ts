import { describe, expect, it } from 'vitest';
import { describePeriod, readPeriod } from './period';

const now = new Date('2026-11-30T15:00:00Z');
const read = (query: string) => readPeriod(new URL(`http://console.test/analytics?${query}`), now);

describe('readPeriod: presets', () => {
  it('counts a preset back from now, rolling, by the hour up to a day and by the day beyond', () => {
    expect(read('days=1').period).toEqual({ kind: 'preset', days: 1, from: '2026-11-29T15:00:00.000Z', to: '2026-11-30T15:00:00.000Z', bucket: 'hour' });
    expect(read('days=7').period).toMatchObject({ kind: 'preset', days: 7, from: '2026-11-23T15:00:00.000Z', bucket: 'day' });
  });

  it('reads no period, or a preset it does not offer, as the last 30 days', () => {
    for (const query of ['', 'days=14', 'days=abc', 'from=&to=']) {
      const reading = read(query);
      expect(reading.period).toMatchObject({ kind: 'preset', days: 30 });
      expect(reading.problem).toBeNull();
    }
  });
});

describe('readPeriod: a custom range', () => {
  it('includes its last day: the API is sent the day after as its exclusive end', () => {
    const reading = read('from=2026-11-01&to=2026-11-30');
    expect(reading.period).toEqual({ kind: 'range', first: '2026-11-01', last: '2026-11-30', days: 30, from: '2026-11-01', to: '2026-12-01', bucket: 'day' });
    expect(reading.problem).toBeNull();
  });

  it('crosses a month and a year end, and a leap day', () => {
    expect(read('from=2026-12-31&to=2026-12-31').period).toMatchObject({ to: '2027-01-01', days: 1, bucket: 'hour' });
    expect(read('from=2028-02-28&to=2028-02-29').period).toMatchObject({ to: '2028-03-01', days: 2, bucket: 'hour' });
    expect(read('from=2028-02-28&to=2028-03-01').period).toMatchObject({ days: 3, bucket: 'day' });
  });

  it('wins over a preset also in the URL', () => {
    expect(read('days=7&from=2026-11-01&to=2026-11-02').period).toMatchObject({ kind: 'range', first: '2026-11-01' });
  });

  it('takes 400 days, not 401', () => {
    expect(read('from=2025-11-01&to=2026-12-05').period).toMatchObject({ kind: 'range', days: 400 });
    const reading = read('from=2025-11-01&to=2026-12-06');
    expect(reading.problem).toBe('A range may cover at most 400 days; this one covers 401.');
    expect(reading.period).toMatchObject({ kind: 'preset', days: 30 });
  });

  it('refuses a range given backwards, a day that does not exist, and half a range, keeping what was typed', () => {
    const cases: [string, string][] = [
      ['from=2026-11-30&to=2026-11-01', 'The first day must be on or before the last day.'],
      ['from=2026-02-30&to=2026-03-02', 'The first day is not a date: enter it as YYYY-MM-DD (2026-11-01).'],
      ['from=2026-11-01&to=30/11/2026', 'The last day is not a date: enter it as YYYY-MM-DD (2026-11-30).'],
      ['from=2026-11-01', 'Enter both days of the range: the first and the last.'],
      ['from=&to=2026-11-01', 'Enter both days of the range: the first and the last.'],
    ];
    for (const [query, problem] of cases) {
      const reading = read(query);
      expect(reading.problem, query).toBe(problem);
      expect(reading.period, query).toMatchObject({ kind: 'preset', days: 30 });
      expect(reading.typed.from, query).toBe(new URL(`http://x/?${query}`).searchParams.get('from') ?? '');
    }
  });
});

describe('describePeriod', () => {
  it('names a preset, a day, and a range by their days, whatever the zone of whoever reads it', () => {
    expect(describePeriod(read('days=7').period)).toBe('Last 7 days');
    expect(describePeriod(read('from=2026-11-01&to=2026-11-01').period)).toBe('1 Nov 2026');
    expect(describePeriod(read('from=2026-11-01&to=2026-11-30').period)).toBe('1 Nov 2026 to 30 Nov 2026');
  });
});

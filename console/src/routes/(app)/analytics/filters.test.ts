import { describe, expect, it } from 'vitest';
import { analyticsHref, analyticsQuery, exportHref, readFilters } from './filters';
import { readPeriod } from './period';

const memberId = '0b5f3c4e-1a2b-4c3d-8e9f-001122334455';
const url = (query: string) => new URL(`http://console.test/analytics?${query}`);
const now = new Date('2026-11-30T15:00:00Z');

describe('readFilters', () => {
  it('reads the trigger, member and outcome the API takes', () => {
    expect(readFilters(url(`trigger=keyword&memberId=${memberId.toUpperCase()}&outcome=customer_left`))).toEqual({
      trigger: 'keyword',
      memberId,
      outcome: 'customer_left',
    });
  });

  it('leaves out what the API would refuse, and what is empty', () => {
    expect(readFilters(url('trigger=shouting&memberId=ana&outcome='))).toEqual({});
  });
});

describe('the URLs of the page, the API and the exports', () => {
  const filters = { trigger: 'keyword' as const, memberId };

  it('keep the period as shown in the page URL: a preset, or both days of a range', () => {
    expect(analyticsHref({ kind: 'preset', days: 7 }, filters)).toBe(`/analytics?days=7&trigger=keyword&memberId=${memberId}`);
    expect(analyticsHref(readPeriod(url('from=2026-11-01&to=2026-11-30'), now).period, {})).toBe('/analytics?from=2026-11-01&to=2026-11-30');
  });

  it('ask the API for the day after the last one, with the bucket and the filters', () => {
    const { period } = readPeriod(url('from=2026-11-01&to=2026-11-30'), now);
    expect(analyticsQuery(period, filters)).toEqual({ from: '2026-11-01', to: '2026-12-01', bucket: 'day', trigger: 'keyword', memberId });
  });

  it("export the same period and filters, in the zone the page's figures were counted in", () => {
    const { period } = readPeriod(url('from=2026-11-01&to=2026-11-30'), now);
    expect(exportHref('handovers', period, { outcome: 'timed_out' }, 'Europe/Paris')).toBe(
      '/api/v1/analytics/handover/handovers.csv?from=2026-11-01&to=2026-12-01&tz=Europe%2FParis&outcome=timed_out',
    );
    const preset = readPeriod(url('days=1'), now).period;
    expect(exportHref('agents', preset, {}, 'UTC')).toBe(
      '/api/v1/analytics/handover/agents.csv?from=2026-11-29T15%3A00%3A00.000Z&to=2026-11-30T15%3A00%3A00.000Z&tz=UTC',
    );
  });
});

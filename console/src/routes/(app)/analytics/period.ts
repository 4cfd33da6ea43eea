/** The date range of the Analytics page lives in the URL (`?days=7|30|90`), counted back from now. */
export const periodChoices = [
  { days: 1, label: 'Last 24 hours' },
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
] as const;

export interface Period {
  days: number;
  from: string;
  to: string;
  bucket: 'hour' | 'day';
}

export function periodFromUrl(url: URL, now = new Date()): Period {
  const asked = Number(url.searchParams.get('days'));
  const days = periodChoices.some((choice) => choice.days === asked) ? asked : 30;
  return {
    days,
    from: new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString(),
    to: now.toISOString(),
    bucket: days <= 2 ? 'hour' : 'day',
  };
}

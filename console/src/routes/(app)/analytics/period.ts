/**
 * The period of the Analytics page lives in the URL: a preset counted back from now (`?days=1|7|30|90`, rolling:
 * `to` is this moment), or a custom range of local days (`?from=2026-11-01&to=2026-11-30`, both days included).
 * The API's `to` is exclusive, so a range asks it for the day after its last day; local days are midnights in the
 * workspace's time zone, which the API applies.
 */
export const periodChoices = [
  { days: 1, label: 'Last 24 hours' },
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
] as const;

export type PresetDays = (typeof periodChoices)[number]['days'];

/** The API's limit on a period, in days. */
export const maxRangeDays = 400;
const defaultDays: PresetDays = 30;
const dayMs = 24 * 3600 * 1000;

export type Period =
  | { kind: 'preset'; days: PresetDays; from: string; to: string; bucket: Bucket }
  /** `first` and `last` are the days shown (both included); `from` and `to` what the API is sent (`to` exclusive). */
  | { kind: 'range'; first: string; last: string; days: number; from: string; to: string; bucket: Bucket };

export type Bucket = 'hour' | 'day';

export interface PeriodReading {
  period: Period;
  /** The custom range as typed, kept in the form (also when refused); empty strings when none. */
  typed: { from: string; to: string };
  /** Why the typed range was not used (then the period is the default preset); null when it was, or none was typed. */
  problem: string | null;
}

export function readPeriod(url: URL, now = new Date()): PeriodReading {
  const typed = { from: (url.searchParams.get('from') ?? '').trim(), to: (url.searchParams.get('to') ?? '').trim() };
  if (typed.from || typed.to) {
    const range = rangeOf(typed.from, typed.to);
    if (typeof range !== 'string') return { period: range, typed, problem: null };
    return { period: presetPeriod(defaultDays, now), typed, problem: range };
  }
  const asked = Number(url.searchParams.get('days'));
  const choice = periodChoices.find((candidate) => candidate.days === asked);
  return { period: presetPeriod(choice?.days ?? defaultDays, now), typed, problem: null };
}

/** The period's part of the page's URL: `days=7`, or `from` and `to` as shown (the last day, not the API's `to`). */
export function periodParams(period: { kind: 'preset'; days: number } | { kind: 'range'; first: string; last: string }): [string, string][] {
  return period.kind === 'preset'
    ? [['days', String(period.days)]]
    : [
        ['from', period.first],
        ['to', period.last],
      ];
}

export function presetPeriod(days: PresetDays, now = new Date()): Period {
  return { kind: 'preset', days, from: new Date(now.getTime() - days * dayMs).toISOString(), to: now.toISOString(), bucket: bucketFor(days) };
}

/** A range of local days, both included, or why not. */
export function rangeOf(first: string, last: string): Period | string {
  if (!first || !last) return 'Enter both days of the range: the first and the last.';
  if (!isDay(first)) return 'The first day is not a date: enter it as YYYY-MM-DD (2026-11-01).';
  if (!isDay(last)) return 'The last day is not a date: enter it as YYYY-MM-DD (2026-11-30).';
  if (first > last) return 'The first day must be on or before the last day.';
  const days = Math.round((Date.parse(last) - Date.parse(first)) / dayMs) + 1;
  if (days > maxRangeDays) return `A range may cover at most ${maxRangeDays} days; this one covers ${days}.`;
  return { kind: 'range', first, last, days, from: first, to: dayAfter(last), bucket: bucketFor(days) };
}

/** The period in words, for the line that says what the figures cover: "Last 7 days" or "1 Nov 2026 to 30 Nov 2026". */
export function describePeriod(period: Period): string {
  if (period.kind === 'preset') return periodChoices.find((choice) => choice.days === period.days)?.label ?? `Last ${period.days} days`;
  return period.first === period.last ? formatDay(period.first) : `${formatDay(period.first)} to ${formatDay(period.last)}`;
}

/** Hours for a period of up to two days (a day has 24 bars), days beyond. */
function bucketFor(days: number): Bucket {
  return days <= 2 ? 'hour' : 'day';
}

/** A calendar day that exists (not 30 February), written as a date input gives it, in years the API reads. */
function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < '1000' || value >= '9999-12-31') return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
}

// A calendar day, not an instant: formatted at UTC so no zone moves it to the day before. One locale on server and browser.
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** IANA time zones, as Node's ICU knows them. Pure: no I/O. */

/** The zone's canonical name ("europe/paris" → "Europe/Paris"), or null when there is no such zone. */
export function canonicalTimeZone(name: string): string | null {
  if (name.length === 0 || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The zone's offset from UTC at that instant is whole hours (so its days and hours start on UTC hours). */
export function offsetIsWholeHours(zone: string, at: Date): boolean {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  // "GMT", "GMT+01:00", "GMT-03:30", "GMT+05:45"
  return !name || name === 'GMT' || name.endsWith(':00');
}

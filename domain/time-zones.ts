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

/**
 * The zone's offset from UTC is whole hours from `from` to `to` (so its days and hours start on UTC hours), checked
 * at both ends and every 12 hours between: no zone changes its offset twice within 12 hours.
 */
export function offsetIsWholeHoursThroughout(zone: string, from: Date, to: Date): boolean {
  if (isUtc(zone)) return true;
  for (let at = from.getTime(); at < to.getTime(); at += 12 * 3600_000) if (!offsetIsWholeHours(zone, new Date(at))) return false;
  return offsetIsWholeHours(zone, to);
}

/** The zone's offset from UTC at that instant is whole hours. */
export function offsetIsWholeHours(zone: string, at: Date): boolean {
  const name = offsetFormat(zone)
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  // "GMT", "GMT+01:00", "GMT-03:30", "GMT+05:45"
  return !name || name === 'GMT' || name.endsWith(':00');
}

/** Zones whose days are UTC days all year. */
const utcZones = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu', 'GMT', 'Etc/GMT', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT0', 'GMT+0', 'GMT-0', 'Etc/Greenwich', 'Greenwich']);

export function isUtc(zone: string): boolean {
  return utcZones.has(zone);
}

/** One formatter a zone: building one takes far longer than using it. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(zone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    if (offsetFormats.size > 1_000) offsetFormats.clear();
    offsetFormats.set(zone, format);
  }
  return format;
}

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

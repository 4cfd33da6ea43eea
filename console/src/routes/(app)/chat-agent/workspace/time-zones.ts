/**
 * The zones the time zone field offers: UTC, then every IANA zone this server's ICU knows (the same ICU that
 * checks the name in the API). Made on the server and sent with the page, so the page and its hydration agree.
 */
export function timeZoneChoices(current: string): string[] {
  const zones = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  // A stored name is canonical for this ICU, but keep it offered even if the list spells it otherwise.
  zones.add(current);
  return ['UTC', ...[...zones].filter((zone) => zone !== 'UTC').sort()];
}

/** The browser's own zone, to suggest; null where it cannot say (or says only UTC, which needs no suggestion). */
export function browserTimeZone(): string | null {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && zone !== 'UTC' && zone !== 'Etc/UTC' ? zone : null;
}

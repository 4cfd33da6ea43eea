/**
 * The attributes an AI service sends with a handover (`metadata`, any JSON up to 8 KiB) as lines a person can
 * read: `plan_tier` becomes "Plan tier", nested objects become "Account › Region", lists of words become
 * "vip, beta". Whatever is deeper or mixed is shown as compact JSON rather than dropped. Only text comes out:
 * the page renders it as text, so nothing an AI service sends can become markup.
 */

export interface MetadataEntry {
  /** The path of keys, unique within one metadata object; for keyed lists. */
  key: string;
  label: string;
  value: string;
}

/** Nesting past this many objects is shown as JSON: a label of four parts is already hard to read. */
const maxDepth = 3;

/** By label: PostgreSQL keeps JSON objects in an order of its own (shortest key first), not the order sent. */
export function describeMetadata(metadata: Record<string, unknown>): MetadataEntry[] {
  return flatten(metadata, [], []).sort((a, b) => a.label.localeCompare(b.label));
}

function flatten(object: Record<string, unknown>, path: string[], labels: string[]): MetadataEntry[] {
  return Object.entries(object).flatMap(([key, value]) => {
    const keys = [...path, key];
    const parts = [...labels, humanizeKey(key)];
    if (isPlainObject(value) && Object.keys(value).length > 0 && keys.length < maxDepth) return flatten(value, keys, parts);
    return [{ key: JSON.stringify(keys), label: parts.join(' › '), value: describeValue(value) }];
  });
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value.trim() === '' ? '(empty)' : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return 'None';
    if (value.every((item) => ['string', 'number', 'boolean'].includes(typeof item))) return value.map(String).join(', ');
  }
  if (isPlainObject(value) && Object.keys(value).length === 0) return 'None';
  return JSON.stringify(value);
}

/** "plan_tier", "planTier" and "plan-tier" all read "Plan tier"; acronyms such as "ID" keep their capitals. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()));
  if (words.length === 0) return key.trim() === '' ? '(unnamed)' : key;
  const [first = '', ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { readFileSync } from 'node:fs';

/**
 * The most common passwords (common-passwords.txt beside this file: its header names the source), lower-case,
 * read once when first asked for. Refused wherever a password is set (domain/passwords.ts).
 */
export function commonPasswords(): ReadonlySet<string> {
  loaded ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.toLowerCase()),
  );
  return loaded;
}

// A cache of a file that never changes while the process runs.
let loaded: Set<string> | undefined;

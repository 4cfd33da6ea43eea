/**
 * Zod, set to word its validation errors for a person. The console shows these messages next to the fields they
 * concern, so "Enter 1 or more" rather than "Too small: expected number to be >=1". A schema's own message (its
 * `error` option or a refinement's) still wins; this covers every field that has none. Schemas import `z` from here.
 */
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const inputKinds: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

const formats: Record<string, string> = {
  email: 'Enter an email address, like name@example.com',
  url: 'Enter a full address, like https://example.com/path',
  uuid: 'This is not a valid id',
  datetime: 'Enter a date and time, like 2026-01-31T09:00:00Z',
  date: 'Enter a date, like 2026-01-31',
};

function count(size: number | bigint, one: string, many: string): string {
  return `${size} ${Number(size) === 1 ? one : many}`;
}

export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'This is required';
      return `Enter ${inputKinds[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive === false ? `Enter more than ${min}` : `Enter ${min} or more`;
      }
      if (issue.origin === 'string') return Number(min) <= 1 ? 'This can’t be empty' : `Use at least ${count(min, 'character', 'characters')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at least ${count(min, 'item', 'items')}`;
      return undefined;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive === false ? `Enter less than ${max}` : `Enter ${max} or less`;
      }
      if (issue.origin === 'string') return `Use at most ${count(max, 'character', 'characters')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Use at most ${count(max, 'item', 'items')}`;
      return undefined;
    }
    case 'invalid_format':
      return formats[issue.format] ?? (issue.format === 'regex' ? 'This is not in the expected form' : undefined);
    case 'invalid_value':
      return issue.values.length === 1 ? `Must be ${String(issue.values[0])}` : `Choose one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `Not a field here: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `Enter a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });

export { z };

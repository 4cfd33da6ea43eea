import type { components } from './openapi.ts';

/** Every `error.code` the API answers with, from the contract. */
export type ErrorCode = components['schemas']['ErrorResponse']['error']['code'];

/**
 * A call the API refused, or could not be reached for (`status` null, `code` 'unavailable'). Branch on `code`:
 * it is typed by the contract, so a misspelt code does not compile.
 */
export class HandoverError extends Error {
  override readonly name = 'HandoverError';

  constructor(
    readonly status: number | null,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Reads the contract's error envelope; an answer without one (a proxy's page, say) still becomes a HandoverError. */
export function errorFromResponse(response: Response, body: unknown): HandoverError {
  const envelope = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (envelope && typeof envelope.code === 'string' && typeof envelope.message === 'string') {
    const details = typeof envelope.details === 'object' && envelope.details !== null ? (envelope.details as Record<string, unknown>) : {};
    return new HandoverError(response.status, envelope.code as ErrorCode, envelope.message, details);
  }
  const code: ErrorCode = response.status >= 500 ? 'unavailable' : 'invalid_request';
  return new HandoverError(response.status, code, `The API answered ${response.status} ${response.statusText} without an error body`);
}

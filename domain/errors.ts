/** The one error type of the product and the one table from error code to HTTP status. */
export const errorStatus = {
  invalid_json: 400,
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_a_handover_member: 403,
  two_factor_enrolment_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  already_claimed: 409,
  handover_ended: 409,
  handover_disabled: 409,
  not_assignee: 409,
  at_capacity: 409,
  ai_paused: 409,
  already_rated: 409,
  not_ended: 409,
  conflict: 409,
  invalid_link: 410,
  payload_too_large: 413,
  quota_exceeded: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A field that is well-formed but wrong (a password, an unknown member): 422 naming it, as the console shows beside the field. */
export function fieldError(path: (string | number)[], message: string): AppError {
  return new AppError('validation_failed', 'The request is not valid', { issues: [{ path, message, code: 'custom' }] });
}

import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, type ErrorCode } from '../../domain/errors.ts';
import type { Logger } from '../../platform/logger.ts';

const unavailableRetryAfterSeconds = 2;

export function errorBody(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
  return { error: { code, message, details } };
}

/** The only place an error becomes HTTP: the contract's envelope, never a stack trace or an HTML page. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, body } = toHttpError(error);
    if (status >= 500 && body.error.code === 'internal_error') {
      logger.error({ err: error, requestId: res.locals.requestId, method: req.method, path: req.path }, 'request failed');
    } else if (isLockConflict(error)) {
      // Answered 503 (sending it again works), but a deadlock says locks are taken in the wrong order somewhere.
      logger.warn({ err: error, requestId: res.locals.requestId, method: req.method, path: req.path }, 'request lost a lock conflict');
    }
    if (error instanceof AppError && typeof error.details.retryAfterSeconds === 'number') {
      res.setHeader('Retry-After', String(error.details.retryAfterSeconds));
    } else if (status === 503) {
      // An outage of PostgreSQL or Temporal: worth trying again soon.
      res.setHeader('Retry-After', String(unavailableRetryAfterSeconds));
    }
    res.status(status).json(body);
  };
}

export function toHttpError(error: unknown): { status: number; body: ReturnType<typeof errorBody> } {
  if (error instanceof AppError) return { status: error.status, body: errorBody(error.code, error.message, error.details) };
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)), message: issue.message, code: issue.code }));
    return { status: 422, body: errorBody('validation_failed', 'The request is not valid', { issues }) };
  }
  const httpError = error as { type?: string; status?: number; expose?: boolean; limit?: number };
  if (httpError?.type === 'entity.parse.failed') return { status: 400, body: errorBody('invalid_json', 'The body is not valid JSON') };
  if (httpError?.type === 'entity.too.large') {
    const limit = typeof httpError.limit === 'number' ? httpError.limit : 64 * 1024;
    return { status: 413, body: errorBody('payload_too_large', `The body is larger than ${formatBytes(limit)}`, { limitBytes: limit }) };
  }
  // A path that is not valid percent-encoding (Express fails to decode the parameter).
  if (error instanceof URIError) return { status: 400, body: errorBody('invalid_request', 'The URL is not valid percent-encoding') };
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    return { status: 400, body: errorBody('invalid_request', 'The request could not be read') };
  }
  if (isUnavailable(error)) {
    return { status: 503, body: errorBody('unavailable', 'A backing service is unreachable; try again shortly') };
  }
  return { status: 500, body: errorBody('internal_error', 'Something went wrong on our side') };
}

/** PostgreSQL broke a deadlock by failing this transaction, or a lock was not granted in time. */
function isLockConflict(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === '40P01' || code === '55P03';
}

/** Postgres or Temporal being unreachable means "try again", not "we broke". */
function isUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; name?: string; message?: string } | undefined;
  const code = candidate?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) ||
    // PostgreSQL's connection exceptions (class 08), a server shutting down or starting (57P01-57P05), too
    // many connections while clients reconnect (53300), and a transaction chosen to break a deadlock or out of
    // time for a lock (40P01, 55P03): all pass when sent again.
    /^(08[0-9A-Z]{3}|57P0[1-5]|53300|40P01|55P03)$/.test(code) ||
    candidate?.name === 'ServiceError' ||
    candidate?.name === 'ConnectionInterruptedError' ||
    /Connection terminated|timeout exceeded when trying to connect|is not queryable/i.test(candidate?.message ?? '')
  );
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody('not_found', 'No such endpoint'));
};

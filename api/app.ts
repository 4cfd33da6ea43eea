import { randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import { ZodError, type z } from 'zod';
import { concurrencyLimit } from '../platform/concurrency.ts';
import { AppError } from '../domain/errors.ts';
import type { ApiDeps } from './deps.ts';
import { authenticate, isHttps } from './middleware/authenticate.ts';
import { decoyPasswordHash, passwordHashing, sameSecret } from './auth/secrets.ts';
import { errorBody, errorHandler, notFoundHandler } from './middleware/errors.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { FileReply, Reply, type RouteDefinition } from './route.ts';
import { mountHealth } from './routes/health.ts';
import { routes } from './routes/index.ts';
import { defaultStreamLimits, streamCounter, streamHandler } from './routes/stream.ts';
import { mountApiReference } from './routes/reference.ts';
import { createApiMetrics, type ApiMetrics } from './metrics.ts';
import {
  addressRateLimit,
  defaultRateLimits,
  loginAddressRateLimit,
  oneTimeLinkRateLimit,
  passwordResetRateLimits,
  principalRateLimit,
} from './middleware/rate-limits.ts';
import { signInDelays, type SignInAttempts } from './middleware/sign-in-delays.ts';

/** The Express app: /api/v1, health, then the console. No listen here: main.ts and the tests do that. */
export function createApp(deps: ApiDeps): express.Express {
  assertPasswordHashing(deps);
  // Made now rather than at the first unknown email, so that one costs what every other does.
  decoyPasswordHash(deps.passwordHashing).catch(() => undefined);
  const app = express();
  app.disable('x-powered-by');
  // Who may say, in X-Forwarded-For, which client a request came from: loopback only unless configured.
  app.set('trust proxy', trustedProxies(deps.trustProxy));
  app.set('query parser', 'simple');

  const metrics = createApiMetrics(deps.db);
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id')?.slice(0, 100) ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The declared route, not the URL, so ids do not explode the label set.
      const route = typeof res.locals.route === 'string' ? res.locals.route : req.path.startsWith('/api/') ? 'unmatched' : 'console';
      metrics.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.latency.observe({ method: req.method, route }, seconds);
      deps.logger.info({ requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  });

  // Browser hardening on every answer. Each part sets its own Content-Security-Policy: the console's pages
  // (SvelteKit, with nonces), the API reference, and the API's JSON (nothing at all may load).
  app.use(
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: false,
      frameguard: { action: 'deny' },
      // Not no-referrer: under it a browser sends `Origin: null` with a plain form post, which the console's CSRF
      // check refuses (signing in before the scripts load, or without JavaScript).
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  app.use((req, res, next) => {
    // HSTS only where served over https: over http a browser ignores it, and a dev machine should not learn it.
    if (isHttps(deps, req)) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });

  const health = express.Router();
  mountHealth(health, deps);
  health.get('/metrics', async (req, res) => {
    // In production only with METRICS_TOKEN, and only to who sends it: the figures describe every workspace.
    if (deps.metricsToken ? !sameSecret(req.get('authorization') ?? '', `Bearer ${deps.metricsToken}`) : deps.production) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401).json(errorBody('unauthenticated', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"'));
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(health);

  const limits = deps.rateLimits ?? defaultRateLimits;
  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers carry personal data and secrets: no cache keeps them. JSON needs no sources at all.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    next();
  });
  api.use(cookieParser());
  api.use(addressRateLimit(limits));
  const limitCaller = principalRateLimit(limits);
  // An upload's body is read by its route once the caller is known (readUpload), never before: an anonymous
  // client must not make the API hold megabytes. JSON bodies are small and read here.
  for (const definition of routes.filter((candidate) => candidate.rawBody)) {
    api[definition.method](definition.path, (_req, res, next) => {
      res.locals.upload = true;
      next();
    });
  }
  const json = express.json({ limit: '64kb', strict: false });
  api.use((req, res, next) => (res.locals.upload ? next() : json(req, res, next)));
  const readUpload = uploadReader(deps.attachments.maxBytes);
  const document = buildOpenApiDocument(routes);
  api.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  mountApiReference(api);
  const streamLimits = { ...defaultStreamLimits, ...deps.streams };
  const streams = streamCounter(streamLimits);
  api.get('/stream', (req, res) => streamHandler(deps, streamLimits, streams, req, res));
  // Every check of a credential shares the per-address failure count and the per-email delays: a guesser gains
  // nothing by moving from the password to the second factor, or to the password asked again before turning it off.
  const credentialFailures = loginAddressRateLimit(limits);
  const signIn = signInDelays(limits);
  api.post('/auth/login', credentialFailures, signIn);
  // A wrong current password on a password change counts too; its growing waits are per member (the handler's).
  api.post(['/auth/login/two-factor', '/me/two-factor/disable', '/me/password'], credentialFailures);
  api.post('/auth/password-reset', ...passwordResetRateLimits(limits));
  for (const path of ['/auth/invitation', '/auth/invitation/accept', '/auth/password-reset/complete']) api.post(path, oneTimeLinkRateLimit(limits));
  for (const definition of routes) {
    api[definition.method](definition.path, (req, res) => {
      res.locals.route = definition.path;
      return handle({ deps, metrics, limitCaller, readUpload, signIn }, definition, req, res);
    });
  }
  mountAllowedMethods(api, [
    ['get', '/openapi.json'],
    ['get', '/stream'],
    ...routes.map((definition): [string, string] => [definition.method, definition.path]),
  ]);
  api.use(notFoundHandler);
  api.use(errorHandler(deps.logger));
  app.use('/api/v1', api);
  for (const mount of deps.mounts ?? []) app.use(mount.path, mount.handler);

  if (deps.consoleHandler) {
    const consoleHandler = deps.consoleHandler;
    app.use((req, res, next) => {
      // Tell the console the origin as Express sees it (behind a trusted proxy, the forwarded one).
      req.headers['x-forwarded-proto'] = req.protocol;
      req.headers['x-forwarded-host'] = req.get('host') ?? '';
      // And the client's address as the trusted proxies give it, for the console's calls to the API (rate
      // limits by address). Always overwritten here, so a client cannot set it.
      req.headers['x-handover-client-address'] = req.ip ?? '';
      consoleHandler(req, res, next);
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

/** A cheaper password hash is for tests; a production deployment refuses to start with one. */
function assertPasswordHashing(deps: ApiDeps): void {
  const params = deps.passwordHashing;
  if (!params || !deps.production) return;
  if (params.N < passwordHashing.N || params.r < passwordHashing.r || params.p < passwordHashing.p) {
    throw new Error('A cheaper password hashing cost is for tests only: production hashes at scrypt N=2^17, r=8, p=1');
  }
}

/**
 * A path the document lists, with a method it does not: 405 and the methods it has in Allow (RFC 9110), rather
 * than a 404 that says the path does not exist. OPTIONS answers with the same Allow. Mounted after the routes,
 * so it only sees what they did not take; HEAD is answered by the GET routes.
 */
function mountAllowedMethods(router: express.Router, declared: [method: string, path: string][]): void {
  const byPath = new Map<string, Set<string>>();
  for (const [method, path] of declared) {
    const methods = byPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    if (method === 'get') methods.add('HEAD');
    byPath.set(path, methods);
  }
  for (const [path, methods] of byPath) {
    const allow = [...methods].sort().join(', ');
    router.all(path, (req, res) => {
      res.setHeader('Allow', allow);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      res.locals.route = path;
      res.status(405).json(errorBody('method_not_allowed', `${req.method} is not a method of this path; it allows ${allow}`, { allow: [...methods].sort() }));
    });
  }
}

interface HandleParts {
  deps: ApiDeps;
  metrics: ApiMetrics;
  limitCaller: ReturnType<typeof principalRateLimit>;
  readUpload: ReturnType<typeof uploadReader>;
  signIn: SignInAttempts;
}

async function handle(parts: HandleParts, definition: RouteDefinition, req: Request, res: Response): Promise<void> {
  const { deps, metrics, limitCaller, readUpload, signIn } = parts;
  const caller = await authenticate(deps, req, definition.auth);
  await limitCaller(req, res, caller);
  if ('member' in caller && caller.session.mustEnrolTwoFactor && !definition.beforeTwoFactorEnrolment) {
    throw new AppError('two_factor_enrolment_required', 'Your workspace requires two-factor authentication: set it up under Account > Two-factor first');
  }
  // Role checks live in the route declarations, so the document and the check cannot differ.
  if (definition.roles && 'member' in caller && !definition.roles.includes(caller.member.role)) {
    throw new AppError('forbidden', 'Your role does not allow this');
  }
  const params = parse(definition.params, req.params);
  const query = parseQuery(definition.query, req.query);
  const body = definition.rawBody ? await readUpload(req, res) : parse(definition.body, req.body ?? {});
  const result = await definition.handler({ deps, caller, params, query, body, req, res, metrics, signIn });
  if (result instanceof FileReply) return sendFile(res, definition.status, result);
  const [status, payload] = result instanceof Reply ? [result.status, result.body] : [definition.status, result];
  res.status(status).json(payload);
}

/** Streams a file; a read that fails midway ends the connection, so the client never takes a cut file for whole. */
async function sendFile(res: Response, status: number, file: FileReply): Promise<void> {
  // Either side already gone (the client hung up while the handler worked, or the file failed in that moment): the
  // events below have passed, and nothing would end the other (an export's COPY holds a database connection until then).
  if (res.destroyed || file.body.destroyed) {
    file.body.destroy();
    res.destroy();
    return;
  }
  res.status(status);
  for (const [name, value] of Object.entries(file.headers)) res.setHeader(name, value);
  await new Promise<void>((resolve) => {
    file.body.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      file.body.destroy();
      resolve();
    });
    file.body.pipe(res);
  });
}

function parse(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return {};
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ZodError(parsed.error.issues);
  // PostgreSQL text cannot hold NUL, nor its JSON a lone surrogate: refused here, they cannot stall a
  // workflow's write later.
  const bad = findUnstorableText(parsed.data);
  if (bad) throw new ZodError([{ code: 'custom', path: bad, message: 'must be valid Unicode text without NUL characters', input: undefined }]);
  return parsed.data;
}

/** A query the contract cannot read is a 400, as the contract says of unknown query parameter values. */
function parseQuery(schema: z.ZodType | undefined, value: unknown): unknown {
  try {
    return parse(schema, value);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issues = error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
    throw new AppError('invalid_request', 'The query string is not valid', { issues });
  }
}

/** The path of the first string (or key) that PostgreSQL cannot store: U+0000, or a lone surrogate. */
function findUnstorableText(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();
  if (typeof value === 'string') return unstorable(value) ? path : null;
  if (depth > 32 || typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, Array.isArray(value) ? Number(key) : key];
    if (unstorable(key)) return childPath;
    const found = findUnstorableText(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Reads an upload's bytes (up to `maxBytes`: a larger declared length is refused before reading), a few at a
 * time: each is held in memory whole, so the uploads read at once are bounded, and beyond a short queue refused.
 */
function uploadReader(maxBytes: number) {
  const parser = express.raw({ type: () => true, limit: maxBytes, inflate: false });
  const reading = concurrencyLimit(8, 32, () => new AppError('unavailable', 'Too many uploads at once; retry in a moment', { retryAfterSeconds: 2 }));
  return (req: Request, res: Response): Promise<Buffer> => {
    // Refused at once: the parser would read (and drop) all the declared bytes before answering.
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > maxBytes) return Promise.reject(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', limit: maxBytes }));
    return reading(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          void parser(req, res, (error?: unknown) => (error ? reject(error) : resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0))));
        }),
    );
  };
}

/**
 * Express's `trust proxy`: the configured proxies (loopback when unset), and always 127.0.0.1 and ::1, from
 * which the console in this process calls the API, naming its client in X-Forwarded-For. A hop count trusts
 * that many hops nearest to us.
 */
function trustedProxies(configured: ApiDeps['trustProxy']): string | ((address: string, hop: number) => boolean) {
  if (configured === undefined) return 'loopback';
  if (typeof configured === 'number') return (address, hop) => hop < configured || isConsole(address);
  return `127.0.0.1, ::1, ${configured}`;
}

function isConsole(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

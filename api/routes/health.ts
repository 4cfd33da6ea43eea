import type { Request, Response, Router } from 'express';
import { sql } from 'kysely';
import type { ApiDeps } from '../deps.ts';
import { temporalReachable } from '../temporal.ts';

/** Liveness and readiness, without authentication. */
export function mountHealth(router: Router, deps: ApiDeps): void {
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    const [postgres, temporal] = await Promise.all([
      sql`select 1`.execute(deps.db).then(() => true, () => false),
      temporalReachable(deps.temporal),
    ]);
    res.status(postgres && temporal ? 200 : 503).json({ status: postgres && temporal ? 'ready' : 'unavailable', postgres, temporal });
  });
}

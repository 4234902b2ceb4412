/**
 * GET /health, no auth: `{"status": "ok" | "degraded", "checks": {...}}`.
 * 503 with the same body when PostgreSQL or Redis is down; a channel that is
 * down only makes the status `degraded`.
 */
import { Router } from 'express';
import {
  runCheck,
  statusOf,
  type CheckResult,
  type HealthChecks,
} from '../health/health-checks.js';

export interface HealthBody {
  status: 'ok' | 'degraded';
  checks: Record<string, CheckResult>;
}

export async function checkHealth(
  checks: HealthChecks,
): Promise<{ httpStatus: number; body: HealthBody }> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) => runCheck(checks[name] as HealthChecks[string])),
  );
  const answers = Object.fromEntries(names.map((name, i) => [name, results[i] ?? 'down']));
  const coreDown = answers.postgres !== 'ok' || answers.redis !== 'ok';
  const anyDown = Object.values(answers).some((answer) => statusOf(answer) === 'down');
  return {
    httpStatus: coreDown ? 503 : 200,
    body: { status: coreDown || anyDown ? 'degraded' : 'ok', checks: answers },
  };
}

export function healthRouter(checks: HealthChecks): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const { httpStatus, body } = await checkHealth(checks);
    res.set('Cache-Control', 'no-store').status(httpStatus).json(body);
  });
  return router;
}

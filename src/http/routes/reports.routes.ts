/**
 * GET /api/reports/{volume,dealer-trends,credit,operations} for BI tools
 * (docs/reports.md): the console's reports as JSON, the same query strings,
 * for tokens with a reporting role. Each call first folds in the orders
 * changed since the last refresh, so a report is as current as the orders.
 */
import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { indiaDate } from '../../domain/india-date.js';
import { creditReport } from '../../services/reports/credit-report.js';
import { dealerTrends, trendsQuerySchema } from '../../services/reports/dealer-trends.js';
import { operationsReport } from '../../services/reports/operations-report.js';
import { refreshReportRollups } from '../../services/reports/refresh-rollups.js';
import {
  creditJson,
  dealerTrendsJson,
  operationsJson,
  volumeJson,
} from '../../services/reports/report-json.js';
import {
  reportFiltersSchema,
  resolveRange,
  volumeQuerySchema,
} from '../../services/reports/report-scope.js';
import { volumeReport } from '../../services/reports/volume-report.js';
import { requireRole } from '../bearer-auth.js';

export const REPORT_ROLES = ['manager', 'sales_manager', 'finance', 'admin'] as const;

export function reportsRouter(deps: { db: Kysely<DB>; now?: () => Date }): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  router.use(requireRole(...REPORT_ROLES));
  router.use(async (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    await refreshReportRollups(deps.db);
    next();
  });
  const query = (req: Request): Record<string, unknown> => req.query as Record<string, unknown>;

  router.get('/volume', async (req, res) => {
    const q = volumeQuerySchema.parse(query(req));
    res.json(volumeJson(await volumeReport(deps.db, q, indiaDate(now()))));
  });
  router.get('/dealer-trends', async (req, res) => {
    const q = trendsQuerySchema.parse(query(req));
    res.json(dealerTrendsJson(await dealerTrends(deps.db, q, indiaDate(now()))));
  });
  router.get('/credit', async (req, res) => {
    const q = reportFiltersSchema.pick({ region: true }).parse(query(req));
    res.json(creditJson(await creditReport(deps.db, now(), q.region)));
  });
  router.get('/operations', async (req, res) => {
    const q = reportFiltersSchema.pick({ from: true, to: true }).parse(query(req));
    const at = now();
    res.json(operationsJson(await operationsReport(deps.db, resolveRange(q, indiaDate(at)), at)));
  });
  return router;
}

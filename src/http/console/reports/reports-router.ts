/**
 * /console/reports/* (route module): volume, growing & declining dealers,
 * credit exposure, operations and the orders behind a figure; each page also
 * as CSV or XLSX (`?format=csv|xlsx`). Mounted by the console router behind
 * the session and the `reports` permission. Every page first folds in the
 * orders changed since the last refresh.
 */
import { Router, type Request, type Response } from 'express';
import { CHANNELS } from '../../../db/schema.js';
import type { Database } from '../../../db/database.js';
import { indiaDate } from '../../../domain/india-date.js';
import { creditReport } from '../../../services/reports/credit-report.js';
import { dealerTrends, trendsQuerySchema } from '../../../services/reports/dealer-trends.js';
import { drillOrders } from '../../../services/reports/drill-orders.js';
import { operationsReport } from '../../../services/reports/operations-report.js';
import { refreshReportRollups } from '../../../services/reports/refresh-rollups.js';
import {
  reportFiltersSchema,
  resolveRange,
  volumeQuerySchema,
} from '../../../services/reports/report-scope.js';
import {
  creditTables,
  operationsTables,
  tablesCsv,
  tablesXlsx,
  trendsTables,
  volumeTable,
  type ReportTable,
} from '../../../services/reports/report-tables.js';
import { volumeReport } from '../../../services/reports/volume-report.js';
import { recordAuditEvents } from '../../../repositories/audit.repository.js';
import { h, str } from '../../form-values.js';
import type { SafeHtml } from '../html.js';
import { currentUser } from '../session-auth.js';
import { chartJsSource, REPORTS_JS } from './reports-assets.js';
import {
  creditBody,
  dealersBody,
  drillBody,
  operationsBody,
  volumeBody,
  type DigestToggle,
  type FilterChoices,
  type PageQuery,
} from './reports-pages.js';

export interface ReportsRouterDeps {
  db: Database;
  now?: () => Date;
  /** Renders a console page (layout, user, flash) with this title and body. */
  render: (req: Request, res: Response, title: string, body: SafeHtml) => void;
}

/** The request's query as strings; unknown keys dropped by the schemas that read it. */
function pageQuery(req: Request): PageQuery {
  return Object.fromEntries(
    Object.entries(req.query)
      .filter(([k]) => k !== 'format')
      .map(([k, v]) => [k, str(v)]),
  );
}

async function sendTables(
  res: Response,
  format: string,
  name: string,
  tables: ReportTable[],
): Promise<boolean> {
  if (format === 'csv') {
    res
      .type('text/csv; charset=utf-8')
      .attachment(`${name}.csv`)
      .send(`\uFEFF${tablesCsv(tables)}`);
    return true;
  }
  if (format === 'xlsx') {
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`${name}.xlsx`)
      .send(await tablesXlsx(tables));
    return true;
  }
  return false;
}

/** Non-blank distinct values of a text column, sorted, for the filter menus. */
async function choices(db: Database): Promise<FilterChoices> {
  const [regions, products] = await Promise.all([
    db.selectFrom('dealers').select('region').distinct().where('region', 'is not', null).execute(),
    db.selectFrom('products').select(['brand', 'category']).distinct().execute(),
  ]);
  const sorted = (xs: (string | null)[]): string[] =>
    [...new Set(xs.filter((x): x is string => x !== null && x !== ''))].sort();
  return {
    regions: sorted(regions.map((r) => r.region)),
    brands: sorted(products.map((p) => p.brand)),
    categories: sorted(products.map((p) => p.category)),
    channels: CHANNELS,
  };
}

export function reportsConsoleRouter(deps: ReportsRouterDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const digest = async (req: Request, res: Response): Promise<DigestToggle> => {
    const user = currentUser(res);
    const row = await deps.db
      .selectFrom('users')
      .select('weekly_digest')
      .where('id', '=', user.id)
      .executeTakeFirst();
    return { on: row?.weekly_digest === true, csrf: user.csrfToken, back: req.originalUrl };
  };

  router.get('/assets/chart.umd.min.js', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').type('js').send(chartJsSource());
  });
  router.get('/assets/reports.js', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('js').send(REPORTS_JS);
  });
  router.use(async (_req, _res, next) => {
    await refreshReportRollups(deps.db);
    next();
  });
  router.get('/', (_req, res) => res.redirect(303, '/console/reports/volume'));

  router.get(
    '/volume',
    h(async (req, res) => {
      const q = pageQuery(req);
      const today = indiaDate(now());
      const report = await volumeReport(deps.db, volumeQuerySchema.parse(q), today);
      const name = `volume-by-${report.by}${report.then ? `-${report.then}` : ''}-${report.from}-to-${report.to}`;
      if (await sendTables(res, str(req.query.format), name, [volumeTable(report)])) return;
      deps.render(
        req,
        res,
        'Order volume',
        volumeBody({
          report,
          q,
          today,
          choices: await choices(deps.db),
          digest: await digest(req, res),
        }),
      );
    }),
  );

  router.get(
    '/dealers',
    h(async (req, res) => {
      const q = pageQuery(req);
      const today = indiaDate(now());
      const report = await dealerTrends(deps.db, trendsQuerySchema.parse(q), today);
      if (
        await sendTables(res, str(req.query.format), `dealer-trends-${today}`, trendsTables(report))
      )
        return;
      const { regions } = await choices(deps.db);
      deps.render(
        req,
        res,
        'Growing and declining dealers',
        dealersBody({ report, q, regions, digest: await digest(req, res) }),
      );
    }),
  );

  router.get(
    '/credit',
    h(async (req, res) => {
      const q = pageQuery(req);
      const { region } = reportFiltersSchema.pick({ region: true }).parse(q);
      const report = await creditReport(deps.db, now(), region);
      if (
        await sendTables(
          res,
          str(req.query.format),
          `credit-exposure-${report.today}`,
          creditTables(report),
        )
      )
        return;
      const { regions } = await choices(deps.db);
      deps.render(
        req,
        res,
        'Credit exposure',
        creditBody({ report, q, regions, digest: await digest(req, res) }),
      );
    }),
  );

  router.get(
    '/operations',
    h(async (req, res) => {
      const q = pageQuery(req);
      const at = now();
      const today = indiaDate(at);
      const range = resolveRange(
        reportFiltersSchema.pick({ from: true, to: true }).parse(q),
        today,
      );
      const report = await operationsReport(deps.db, range, at);
      if (
        await sendTables(
          res,
          str(req.query.format),
          `operations-${range.from}-to-${range.to}`,
          operationsTables(report),
        )
      )
        return;
      deps.render(
        req,
        res,
        'Operations',
        operationsBody({ report, q, today, digest: await digest(req, res) }),
      );
    }),
  );

  router.get(
    '/orders',
    h(async (req, res) => {
      const q = pageQuery(req);
      const filters = reportFiltersSchema.parse(q);
      const drill = await drillOrders(deps.db, filters, resolveRange(filters, indiaDate(now())));
      deps.render(
        req,
        res,
        'Orders behind the figure',
        drillBody({ drill, q, digest: await digest(req, res) }),
      );
    }),
  );

  // The signed-in user's own weekly digest (opt-in; audited).
  router.post(
    '/digest',
    h(async (req, res) => {
      const user = currentUser(res);
      const on = str(req.body?.on) === 'true';
      await deps.db
        .updateTable('users')
        .set({ weekly_digest: on })
        .where('id', '=', user.id)
        .execute();
      await recordAuditEvents(deps.db, [
        {
          entityType: 'user',
          entityId: user.id,
          action: 'settings_changed',
          actor: `user:${user.email}`,
          reason: null,
          data: { weekly_digest: on },
        },
      ]);
      const back = str(req.body?.back);
      const target = /^\/console\/reports(\/[\w-]*)?(\?[^\s]*)?$/.test(back)
        ? back
        : '/console/reports/volume';
      const url = new URL(target, 'http://x');
      url.searchParams.set('done', on ? 'digest_on' : 'digest_off');
      res.redirect(303, `${url.pathname}${url.search}`);
    }),
  );
  return router;
}

/**
 * The Express app: GET /health, the web chat page, and the /api routes of
 * docs/http-api.md behind bearer-token auth. Every error leaves through
 * the one error mapper as `{"error": {"code", "message"}}`.
 *
 * Order for /api: auth first (an unauthenticated caller never gets a body
 * parsed), then the body parsers (JSON; for transcripts also text/plain and
 * multipart), then the routes, then a JSON 404.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AppDeps } from './app-deps.js';
import { bearerAuth } from './bearer-auth.js';
import { accountingRouter } from './routes/accounting.routes.js';
import { errorMapper, sendError } from './error-mapper.js';
import { inputGuard } from './input-guard.js';
import { requestLog } from './request-log.js';
import { dealersRouter } from './routes/dealers.routes.js';
import { healthRouter } from './routes/health.route.js';
import { messagesRouter } from './routes/messages.routes.js';
import { ordersRouter } from './routes/orders.routes.js';
import { transcriptsRouter } from './routes/transcripts.routes.js';
import { webchatRouter } from './routes/webchat.routes.js';
import { webchatPageRouter } from './webchat/webchat-page.route.js';
import { consoleRouter } from './console/console-router.js';
import { portalRouter } from './portal/portal-router.js';
import { approvalsRouter } from './routes/approvals.routes.js';
import { creditRouter } from './routes/credit.routes.js';
import { reportsRouter } from './routes/reports.routes.js';
import { whatsappWebRouter } from '../channels/whatsapp-web/whatsapp-web.routes.js';
import { metricsRouter } from '../metrics/metrics.route.js';

/** Default largest request body. */
export const DEFAULT_BODY_LIMIT = '2mb';

export function createApp(deps: AppDeps): Express {
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = express();
  app.disable('x-powered-by');
  // Behind a TLS-terminating proxy the scheme, host and client address come from its
  // X-Forwarded-* headers: secure cookies, HSTS, the console's Origin check and the sign-in
  // limiter then see what the browser sees.
  const trustProxy = deps.config.trustProxy ?? false;
  if (trustProxy !== false) app.set('trust proxy', trustProxy);
  // Query strings are flat here (?dealer=&status=): no nested objects from qs.
  app.set('query parser', 'simple');
  app.set('json replacer', (_key: string, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );

  app.use(requestLog(deps.logger));
  app.use(inputGuard);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Frame-Options', 'DENY');
    next();
  });

  app.use(healthRouter(deps.health));
  app.use(metricsRouter());
  // Channel webhooks check their own signatures and read their own raw bodies.
  for (const router of deps.webhooks ?? []) app.use(router);
  app.use(webchatPageRouter({ pollMs: deps.webchatPollMs ?? 2_000 }));
  // Browsers ask every page's origin for /favicon.ico: the portal's icon answers for all.
  app.get('/favicon.ico', (_req: Request, res: Response) => {
    res.redirect(301, '/portal/icon.svg');
  });
  app.use(
    '/portal',
    portalRouter({
      db: deps.db,
      jobs: deps.jobs ?? null,
      ...(deps.console?.rateLimitRedis ? { rateLimitRedis: deps.console.rateLimitRedis } : {}),
      ...(deps.console?.secureCookies === undefined
        ? {}
        : { secureCookies: deps.console.secureCookies }),
    }),
  );
  if (deps.console) {
    app.use(
      '/console',
      consoleRouter({
        ...deps.console,
        db: deps.db,
        logger: deps.logger,
        health: deps.health,
        ingest: deps.ingest,
      }),
    );
  }

  const api = express.Router();
  api.use(bearerAuth({ db: deps.db, apiToken: deps.config.apiToken, logger: deps.logger }));
  api.use(express.json({ limit }));
  api.use('/webchat', webchatRouter(deps));
  api.use(
    '/transcripts',
    // Raw bytes: the transcript route checks they are UTF-8 itself.
    express.raw({ type: ['text/plain', 'multipart/form-data'], limit }),
    transcriptsRouter(deps),
  );
  api.use('/messages', messagesRouter(deps));
  api.use('/orders', ordersRouter(deps));
  api.use('/dealers', dealersRouter(deps));
  api.use('/approvals', approvalsRouter({ db: deps.db, jobs: deps.jobs ?? null }));
  api.use('/credit', creditRouter(deps));
  api.use('/reports', reportsRouter(deps));
  api.use(accountingRouter({ db: deps.db, jobs: deps.jobs ?? null }));
  api.use('/channels', whatsappWebRouter(deps));
  app.use('/api', api);

  app.use((req: Request, res: Response) => {
    sendError(res, 404, 'NOT_FOUND', `no route for ${req.method} ${req.path}`);
  });
  app.use(errorMapper(deps.logger));
  return app;
}

/**
 * The ops console at /console: sign-in, review queue, approvals, orders,
 * dealers, channels, the queue dashboard (admins). Security, in order:
 * helmet headers with a strict CSP (scripts and styles from this origin
 * only), a rate-limited login with a double-submit CSRF cookie, PG sessions
 * (see session-auth.ts), CSRF on every state change, and the role checked on
 * the server for every page and action.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import cookieParser from 'cookie-parser';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import rateLimit, { ipKeyGenerator } from 'express-rate-limit';
import helmet from 'helmet';
import { h, list, str } from '../form-values.js';
import { z } from 'zod';
import {
  API_TOKEN_ROLES,
  CHANNELS,
  CREDIT_POLICIES,
  ORDER_STATUSES,
  ROLLOUTS,
  USER_ROLES,
} from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import * as rm from '../../repositories/read-models/console.read-model.js';
import { listRecentTranscripts } from '../../repositories/read-models/phone-orders.read-model.js';
import {
  dealerExists,
  searchDealers,
} from '../../repositories/read-models/dealer-directory.read-model.js';
import { approveDraft } from '../../services/approve-draft.js';
import { attachDealer } from '../../services/attach-dealer.js';
import { decideOrderApproval } from '../../services/decide-approval.js';
import { forgetAlias } from '../../services/forget-alias.js';
import { dismissMessage, rejectDraft } from '../../services/reject-draft.js';
import { checkLogin } from '../../services/users.js';
import {
  DEFAULT_ABSOLUTE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  endSession,
  startSession,
} from '../../services/sessions.js';
import { toHttpError } from '../error-mapper.js';
import { runCheck } from '../health/health-checks.js';
import { CONSOLE_CSS, CONSOLE_JS } from './assets.js';
import { REPORTS_CSS } from './reports/reports-assets.js';
import { reportsConsoleRouter } from './reports/reports-router.js';
import type { ConsoleDeps } from './console-deps.js';
import { consoleFileRoutes } from './files/file-routes.js';
import { html } from './html.js';
import { barePage, page, type Section } from './pages/layout.js';
import {
  approvalsBody,
  channelsBody,
  dealerDetailBody,
  dealersBody,
  loginBody,
  orderDetailBody,
  ordersBody,
} from './pages/other-pages.js';
import {
  DEFAULT_REVIEW_SLA,
  queueItemJson,
  reviewMessageBody,
  reviewOrderBody,
  reviewQueueBody,
} from './pages/review-pages.js';
import { MAX_TRANSCRIPT_CHARS, phoneOrdersBody } from './pages/phone-pages.js';
import { exportsBody, type ExportsPageInput } from './pages/export-pages.js';
import { downloadOrders } from '../../services/export/orders-download.js';
import { statementCsv } from '../../services/accounting/statement-csv.js';
import {
  listOpenInvoices,
  listStatementEntries,
} from '../../repositories/read-models/dealer-statement.read-model.js';

/** A statement download holds at most this many entries (the latest). */
const STATEMENT_CSV_ENTRIES = 10_000;
import {
  listExportProblems,
  listExportTargetStatus,
} from '../../repositories/read-models/export-status.read-model.js';
import {
  reexportOrders,
  retryExportDelivery,
  type ReexportSelection,
} from '../../services/export/reexport-orders.js';
import { can } from './roles.js';
import { sendPortalLink } from '../../services/portal/send-portal-link.js';
import { setDealerSettings } from '../../services/dealer-settings.js';
import { settingsBody } from './pages/settings-pages.js';
import { createUser, setUserActive } from '../../services/users.js';
import { updateUserRole } from '../../repositories/user.repository.js';
import { createApiToken } from '../../repositories/api-token.repository.js';
import { setDiscountAuthority } from '../../repositories/approval.repository.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import {
  claimReviewItem,
  clearSettledClaims,
  isQueueKey,
  unclaimReviewItem,
} from '../../services/review-claims.js';
import { reviewQueueCsv } from '../../services/review-queue-csv.js';

/** Items per page of the review queue. */
const QUEUE_PAGE = 50;
import { indiaDate } from '../../domain/india-date.js';
import { listPortalDevices, revokeAllPortalDevices } from '../../services/portal/portal-access.js';
import { LoginLimitStore } from './login-limit-store.js';
import {
  LOGIN_CSRF_COOKIE,
  SESSION_COOKIE,
  checkCsrf,
  cookieSecure,
  currentUser,
  isCrossSite,
  loadSession,
  ownOrigin,
  requirePermission,
} from './session-auth.js';

const CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  // voice notes on the review page (src/http/console/files/file-routes.ts)
  mediaSrc: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

function param(req: Request, name: string): string {
  return str(req.params[name]);
}
/** "SKU — Name" (from the autocomplete) or a bare SKU. */
function skuOf(text: string): string {
  return text.split(' — ')[0]!.trim();
}
function safeNext(next: string): string {
  return /^\/console(\/[^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/console/review';
}
function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (req.get('accept') ?? '').includes('application/json');
}

const FLASH: Record<string, (q: Record<string, string>) => string> = {
  approved: (q) =>
    `Draft #${q.order ?? ''} approved: the order is now ${(q.status ?? '').replace(/_/g, ' ')}.${q.learned ? ` Learned “${q.learned}”.` : ''}${q.notLearned ? ` Not learned: ${q.notLearned}.` : ''}`,
  rejected: (q) => `Draft #${q.order ?? ''} rejected; the dealer was told.`,
  forgot: (q) => `“${q.alias ?? ''}” is forgotten: it names no product for this dealer any more.`,
  attached: () => 'Dealer attached. Review the draft below.',
  dismissed: () => 'Message closed.',
  transcribed: () => "Voice note typed in: it is being read as the dealer's message.",
  digest_on: () => 'You will get the weekly digest by email on Mondays.',
  digest_off: () => 'The weekly digest is off.',
  credit_approve: (q) =>
    `Credit hold on #${q.order ?? ''} released; the order is confirmed and the dealer told.`,
  credit_reject: (q) => `Order #${q.order ?? ''} rejected on credit; the dealer was told.`,
  price_approve: (q) =>
    `Price exception on #${q.order ?? ''} approved; the order is now ${(q.status ?? '').replace(/_/g, ' ')}.`,
  price_reject: (q) =>
    `Price exception on #${q.order ?? ''} refused; the dealer was offered the standard prices.`,
  resent: (q) =>
    `${q.orders ?? '0'} order${q.orders === '1' ? '' : 's'} queued for the ERP again (${q.deliveries ?? '0'} deliver${q.deliveries === '1' ? 'y' : 'ies'}).`,
  retried: (q) => `${q.order ?? 'The order'} is queued for ${q.target ?? 'its target'} again.`,
  settings: (q) => `Settings saved; changed: ${q.what ?? 'nothing'}.`,
  user_added: () => 'User added; they can sign in now.',
  role: () => 'Role changed; it applies from their next click.',
  access: () => 'Access changed; a deactivated user was signed out everywhere.',
  authority: () => 'Discount authority saved.',
  defaults: () => 'Defaults for new dealers saved.',
  channel: () => 'Channel rollout saved; it applies to the next message.',
  revoked: () => 'Token revoked; it stops working at once.',
  bulk_rejected: (q) =>
    `${q.n ?? '0'} rejected; each sender got the reply.${q.skipped && q.skipped !== '0' ? ` ${q.skipped} were already handled by someone else.` : ''}`,
  portal_link: (q) => `Portal sign-in link sent by ${q.to ?? "the dealer's channel"}.`,
  portal_link_refused: (q) =>
    q.why === 'no_contact'
      ? 'No portal link sent: the dealer has no phone or email on file.'
      : 'No portal link sent: five links went out in the last hour; ask the dealer to use the latest.',
  portal_signout: (q) => `Signed the dealer out of the portal on ${q.devices ?? '0'} device(s).`,
  phone: (q) =>
    `Transcript for ${q.dealer ?? 'the dealer'} received and being read; its outcome appears below.`,
};

export function consoleRouter(deps: ConsoleDeps): Router {
  const router = Router();
  const pollMs = deps.pollMs ?? 3_000;
  const sla = deps.reviewSla ?? DEFAULT_REVIEW_SLA;
  const absoluteMs = deps.absoluteTimeoutMs ?? DEFAULT_ABSOLUTE_TIMEOUT_MS;
  const idleMs = deps.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const limit = deps.loginLimit ?? { max: 10, windowMs: 15 * 60 * 1000 };

  router.use((req, res, next) => {
    // The queue dashboard is a React bundle with inline styles that finds its assets through a
    // <base href> (blocked by base-uri 'none', it loaded nothing: "Loading" forever); everything
    // else is strict.
    const dashboard = req.path.startsWith('/queues');
    const styleSrc = dashboard ? ["'self'", "'unsafe-inline'"] : ["'self'"];
    const baseUri = dashboard ? ["'self'"] : ["'none'"];
    return helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { ...CSP_DIRECTIVES, styleSrc, baseUri },
      },
      strictTransportSecurity: req.secure,
      referrerPolicy: { policy: 'same-origin' },
    })(req, res, next);
  });
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(cookieParser());
  router.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }));
  router.use(express.json({ limit: '200kb' }));

  router.get('/assets/console.css', (_req, res) => {
    res
      .set('Cache-Control', 'no-cache')
      .type('css')
      .send(CONSOLE_CSS + REPORTS_CSS);
  });
  router.get('/assets/console.js', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('js').send(CONSOLE_JS);
  });

  // ------------------------------------------------------------ sign-in
  const renderLogin = (
    req: Request,
    res: Response,
    status: number,
    error: string | null,
    email = '',
  ) => {
    const csrf = randomBytes(24).toString('base64url');
    res.cookie(LOGIN_CSRF_COOKIE, csrf, {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure(deps, req),
      path: '/console/login',
      maxAge: 60 * 60 * 1000,
    });
    const next = safeNext(str(req.body?.next ?? req.query.next));
    const notice = req.query.expired
      ? 'Your session ended. Sign in again.'
      : req.query.out
        ? 'You are signed out.'
        : null;
    res
      .status(status)
      .type('html')
      .send(barePage('Sign in', loginBody({ csrf, next, email, error, notice })));
  };
  router.get('/login', (req, res) => renderLogin(req, res, 200, null));
  const store = (kind: string) =>
    deps.rateLimitRedis
      ? {
          store: new LoginLimitStore(
            deps.rateLimitRedis,
            `${deps.rateLimitPrefix ?? 'orderdesk:login-limit:'}${kind}:`,
          ),
        }
      : {};
  // A Redis that is down must not lock everyone out: then the attempt is let through uncounted.
  const loginLimiter = rateLimit({
    ...store('email'),
    passOnStoreError: true,
    windowMs: limit.windowMs,
    limit: limit.max,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) =>
      `${ipKeyGenerator(req.ip ?? '')}|${str(req.body?.email).trim().toLowerCase()}`,
    handler: (req, res) =>
      renderLogin(
        req,
        res,
        429,
        'Too many sign-in attempts. Wait a few minutes and try again.',
        str(req.body?.email),
      ),
  });
  const ipLimiter = rateLimit({
    ...store('ip'),
    passOnStoreError: true,
    windowMs: limit.windowMs,
    limit: limit.max * 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) =>
      renderLogin(req, res, 429, 'Too many sign-in attempts. Wait a few minutes and try again.'),
  });
  router.post(
    '/login',
    ipLimiter,
    loginLimiter,
    h(async (req, res) => {
      const cookies = req.cookies as Record<string, string | undefined>;
      const sent = str(req.body?._csrf);
      if (isCrossSite(req) || sent === '' || cookies[LOGIN_CSRF_COOKIE] !== sent) {
        return renderLogin(req, res, 403, 'The sign-in form expired. Please try again.');
      }
      const email = str(req.body?.email).trim();
      const password = str(req.body?.password);
      const user = email && password ? await checkLogin(deps.db, email, password) : null;
      if (!user) return renderLogin(req, res, 401, 'Email or password is wrong.', email);
      const { token } = await startSession(deps.db, {
        userId: user.id,
        previousToken: cookies[SESSION_COOKIE] ?? null,
        absoluteTimeoutMs: absoluteMs,
        userAgent: req.get('user-agent') ?? null,
        ip: req.ip ?? null,
      });
      res.clearCookie(LOGIN_CSRF_COOKIE, { path: '/console/login' });
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure(deps, req),
        path: '/console',
        maxAge: absoluteMs,
      });
      res.redirect(303, safeNext(str(req.body?.next)));
    }),
  );

  // ------------------------------------------------------------ everything else needs a session
  router.use(loadSession({ ...deps, idleTimeoutMs: idleMs }));

  if (deps.queues && deps.queues.length > 0) {
    const adapter = new ExpressAdapter();
    adapter.setBasePath('/console/queues');
    createBullBoard({
      queues: deps.queues.map((q) => new BullMQAdapter(q)),
      serverAdapter: adapter,
      options: {
        uiConfig: {
          boardTitle: 'Order Desk queues',
          miscLinks: [{ text: '← Back to the console', url: '/console/review' }],
          hideDocsLink: true,
          // the browser's en-US has no file of its own (a 404 on every load)
          locale: { lng: 'en-US' },
          favIcon: { default: '/portal/icon.svg', alternative: '/portal/icon.svg' },
        },
      },
    });
    // bull-board's own fetches carry no token: same-origin is enforced, and only admins get here.
    router.use(
      '/queues',
      requirePermission('admin'),
      checkCsrf({ tokenRequired: false }),
      adapter.getRouter() as Router,
    );
  }

  router.use(checkCsrf());

  router.use(consoleFileRoutes(deps));

  router.post(
    '/logout',
    h(async (req, res) => {
      const token = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
      if (token) await endSession(deps.db, token);
      res.clearCookie(SESSION_COOKIE, { path: '/console' });
      res.redirect(303, '/console/login?out=1');
    }),
  );

  const show = (
    req: Request,
    res: Response,
    section: Section | null,
    title: string,
    body: ReturnType<typeof html>,
    status = 200,
  ) => {
    const q = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, str(v)]));
    const make = q.done ? FLASH[q.done] : undefined;
    res
      .status(status)
      .type('html')
      .send(
        page({
          title,
          section,
          user: currentUser(res),
          body,
          pollMs,
          flash: make ? { kind: 'ok', text: make(q) } : null,
        }),
      );
  };

  router.get('/', (_req, res) => res.redirect(302, '/console/review'));

  // ------------------------------------------------------------ JSON for the page scripts
  router.get(
    '/api/counts',
    h(async (_req, res) => {
      res.json(await rm.countReviewQueue(deps.db));
    }),
  );
  router.get(
    '/api/review-queue',
    h(async (req, res) => {
      const { filter } = queueFilterOf(req);
      const page = Math.max(1, Number.parseInt(str(req.query.page), 10) || 1);
      const [items, counts] = await Promise.all([
        rm.listReviewQueue(deps.db, { filter, limit: QUEUE_PAGE, offset: (page - 1) * QUEUE_PAGE }),
        rm.countReviewQueue(deps.db),
      ]);
      const now = new Date();
      res.json({ counts, items: items.map((i) => queueItemJson(i, now, sla)) });
    }),
  );
  router.get(
    '/api/products',
    h(async (req, res) => {
      const results = await rm.searchProducts(deps.db, str(req.query.q).slice(0, 100));
      res.json({ results });
    }),
  );
  router.get(
    '/api/dealers',
    h(async (req, res) => {
      const results = await searchDealers(deps.db, {
        query: str(req.query.q).slice(0, 100),
        limit: 20,
      });
      res.json({ results });
    }),
  );

  // ------------------------------------------------------------ review
  router.get(
    '/review',
    h(async (req, res) => {
      await clearSettledClaims(deps.db);
      const { filter, form, query } = queueFilterOf(req);
      const total = await rm.countReviewItems(deps.db, filter);
      const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE));
      const page = Math.min(pages, Math.max(1, Number.parseInt(str(req.query.page), 10) || 1));
      const items = await rm.listReviewQueue(deps.db, {
        filter,
        limit: QUEUE_PAGE,
        offset: (page - 1) * QUEUE_PAGE,
      });
      const user = currentUser(res);
      show(
        req,
        res,
        'review',
        'Review queue',
        reviewQueueBody({
          items,
          csrf: user.csrfToken,
          userId: user.id,
          sla,
          filter: form,
          page,
          pages,
          total,
          query,
        }),
      );
    }),
  );
  router.get(
    '/review.csv',
    h(async (req, res) => {
      const { filter } = queueFilterOf(req);
      const items = await rm.listReviewQueue(deps.db, { filter, limit: 10_000 });
      const now = new Date();
      res
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', 'attachment; filename="review-queue.csv"')
        .send(reviewQueueCsv(items, now));
    }),
  );
  router.post(
    '/review/claim',
    requirePermission('review'),
    h(async (req, res) => {
      const user = currentUser(res);
      await claimReviewItem(deps.db, {
        key: str(req.body?.claim),
        userId: user.id,
        actor: `user:${user.email}`,
      });
      res.redirect(303, backToQueue(req));
    }),
  );
  router.post(
    '/review/unclaim',
    requirePermission('review'),
    h(async (req, res) => {
      await unclaimReviewItem(deps.db, { key: str(req.body?.claim), userId: currentUser(res).id });
      res.redirect(303, backToQueue(req));
    }),
  );
  router.post(
    '/review/bulk-reject',
    requirePermission('review'),
    h(async (req, res) => {
      const user = currentUser(res);
      const keys = list(req.body?.key).filter(isQueueKey);
      const note = str(req.body?.note).trim();
      if (keys.length === 0) throw new AppError('INVALID_INPUT', 'select the items to reject');
      if (note === '') throw new AppError('INVALID_INPUT', 'write the reply the senders get');
      let done = 0;
      const skipped: string[] = [];
      for (const key of keys) {
        const [kind, id] = key.split(':') as ['order' | 'message', string];
        try {
          if (kind === 'order') {
            await rejectDraft(
              { db: deps.db, jobs: deps.jobs },
              { orderId: id, note, actor: `user:${user.email}` },
            );
          } else {
            await dismissMessage(
              { db: deps.db, jobs: deps.jobs },
              { messageId: id, note, actor: `user:${user.email}` },
            );
          }
          done += 1;
        } catch (error) {
          // One already handled by someone else does not stop the rest.
          if (error instanceof AppError && ['CONFLICT', 'NOT_FOUND'].includes(error.code)) {
            skipped.push(key);
          } else throw error;
        }
      }
      const qs = new URLSearchParams({
        done: 'bulk_rejected',
        n: String(done),
        skipped: String(skipped.length),
      });
      res.redirect(303, `/console/review?${qs.toString()}`);
    }),
  );

  /** The queue's filter from the query string; `query` repeats it for links (CSV, pages). */
  const queueFilterOf = (req: Request) => {
    const form = {
      q: str(req.query.q).slice(0, 100),
      channel: (CHANNELS as readonly string[]).includes(str(req.query.channel))
        ? str(req.query.channel)
        : '',
      dealer: str(req.query.dealer).trim().slice(0, 100),
      minAge: /^\d{1,5}$/.test(str(req.query.min_age)) ? str(req.query.min_age) : '',
    };
    const filter: rm.ReviewQueueFilter = {
      ...(form.q ? { q: form.q } : {}),
      ...(form.channel ? { channel: form.channel as (typeof CHANNELS)[number] } : {}),
      ...(form.dealer ? { dealer: form.dealer } : {}),
      ...(form.minAge ? { minAgeMinutes: Number(form.minAge) } : {}),
    };
    const query = new URLSearchParams(
      Object.entries({
        q: form.q,
        channel: form.channel,
        dealer: form.dealer,
        min_age: form.minAge,
      }).filter(([, v]) => v !== ''),
    ).toString();
    return { filter, form, query };
  };
  const backToQueue = (req: Request) => {
    const back = req.get('referer') ?? '';
    try {
      const url = new URL(back);
      return url.pathname === '/console/review'
        ? `${url.pathname}${url.search}`
        : '/console/review';
    } catch {
      return '/console/review';
    }
  };

  const nextInQueue = async (currentId: string): Promise<string | null> => {
    const items = await rm.listReviewQueue(deps.db, 50);
    const next = items.find((i) => i.id !== currentId);
    if (!next) return null;
    return queueItemJson(next).href;
  };

  const renderReviewOrder = async (
    req: Request,
    res: Response,
    id: string,
    error: string | null,
    status = 200,
    typed?: { product: string; qty: string; source: string | null }[],
  ) => {
    const order = await rm.findOrderDetail(deps.db, id);
    if (!order) throw new AppError('NOT_FOUND', 'no such order');
    if (order.status !== 'needs_review') {
      return res.redirect(303, `/console/orders/${order.id}`);
    }
    const units = await rm.findLineUnits(deps.db, [
      ...order.lines.map((l) => l.sku),
      ...(typed ?? []).map((t) => skuOf(t.product)),
    ]);
    const user = currentUser(res);
    const message = await rm.findMessageView(deps.db, order.inboundMessageId);
    show(
      req,
      res,
      'review',
      `Draft #${order.orderNo}`,
      reviewOrderBody({
        order,
        message,
        csrf: user.csrfToken,
        canLearnGlobal: can(user.role, 'learnGlobal'),
        nextHref: await nextInQueue(order.id),
        error,
        units,
        pendingQuestion: await rm.findPendingQuestion(deps.db, order.id),
        ...(typed === undefined ? {} : { typed }),
      }),
      status,
    );
  };
  router.get(
    '/review/orders/:id',
    h(async (req, res) => renderReviewOrder(req, res, param(req, 'id'), null)),
  );
  router.get(
    '/review/messages/:id',
    h(async (req, res) => {
      const message = await rm.findMessageView(deps.db, param(req, 'id'));
      if (!message) throw new AppError('NOT_FOUND', 'no such message');
      if (message.status !== 'needs_review') return res.redirect(303, '/console/review');
      const drafts = await rm.listReviewQueue(deps.db);
      const draft = drafts.find(
        (i) =>
          i.kind === 'order' &&
          i.preview !== '' &&
          i.sender === message.sender &&
          i.receivedAt.getTime() === message.receivedAt.getTime(),
      );
      if (draft) return res.redirect(303, `/console/review/orders/${draft.id}`);
      show(
        req,
        res,
        'review',
        'Message',
        reviewMessageBody(message, currentUser(res).csrfToken, null),
      );
    }),
  );

  /** What stops an approval: blank or unknown products (a single best match is filled in to confirm). */
  const unclearLines = async (
    typed: { product: string; qty: string; source: string | null }[],
  ): Promise<string[]> => {
    const known = new Set(
      (
        await rm.findLineUnits(
          deps.db,
          typed.map((t) => skuOf(t.product)),
        )
      ).keys(),
    );
    const out: string[] = [];
    for (const [i, t] of typed.entries()) {
      if (t.product === '') {
        if (t.qty !== '' || t.source !== null) {
          out.push(
            `Line ${i + 1} has no product${t.source ? ` (the dealer wrote “${t.source}”)` : ''}: pick one, or remove the line.`,
          );
        }
        continue;
      }
      if (known.has(skuOf(t.product))) continue;
      const hits = await rm.searchProducts(deps.db, t.product, 2);
      if (hits.length === 1) {
        const hit = hits[0]!;
        out.push(
          `Line ${i + 1}: “${t.product}” read as ${hit.name} (${hit.sku}); check it and approve again.`,
        );
        t.product = `${hit.sku} — ${hit.name}`;
      } else {
        out.push(
          `Line ${i + 1}: no single product matches “${t.product}”; pick one from the list.`,
        );
      }
    }
    return out;
  };

  router.post(
    '/review/orders/:id/approve',
    requirePermission('review'),
    h(async (req, res) => {
      const user = currentUser(res);
      const id = param(req, 'id');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const skus = list(body.line_sku);
      const qtys = list(body.line_qty);
      const sources = list(body.line_source);
      const typed = skus.map((s, i) => ({
        product: s.trim(),
        qty: (qtys[i] ?? '').trim(),
        source: (sources[i] ?? '').trim() || null,
      }));
      // No line is dropped silently: a blank product with a quantity or the dealer's words, or a
      // product typed but not picked, stops the approval with the form as it was sent.
      const unclear = await unclearLines(typed);
      if (unclear.length > 0 && !wantsJson(req)) {
        await renderReviewOrder(req, res, id, unclear.join(' '), 400, typed);
        return;
      }
      if (unclear.length > 0) throw new AppError('INVALID_INPUT', unclear.join(' '));
      const lines = typed
        .filter((t) => t.product !== '')
        .map((t) => ({ sku: skuOf(t.product), qtyText: t.qty, sourceText: t.source }));
      const learnRaw = str(body.learn) || 'dealer';
      const learn =
        learnRaw === 'everyone' && can(user.role, 'learnGlobal')
          ? 'everyone'
          : learnRaw === 'none'
            ? 'none'
            : 'dealer';
      if (learnRaw === 'everyone' && !can(user.role, 'learnGlobal')) {
        throw new AppError('FORBIDDEN', 'only admins may teach an alias to every dealer');
      }
      const bad = lines.find((l) => !/^\d+$/.test(l.qtyText) || Number(l.qtyText) < 1);
      try {
        if (bad) throw new AppError('INVALID_INPUT', `give a whole quantity for ${bad.sku}`);
        const result = await approveDraft(
          { db: deps.db, jobs: deps.jobs },
          {
            orderId: id,
            lines: lines.map((l) => ({
              sku: l.sku,
              qty: Number(l.qtyText),
              sourceText: l.sourceText,
            })),
            actor: `user:${user.email}`,
            learn,
          },
        );
        if (wantsJson(req)) {
          res.json(result);
          return;
        }
        const order = await rm.findOrderDetail(deps.db, id);
        const next = await nextInQueue(id);
        const qs = new URLSearchParams({
          done: 'approved',
          order: String(order?.orderNo ?? ''),
          status: result.status,
          ...(result.learned[0]
            ? { learned: result.learned.map((l) => l.alias).join('”, “') }
            : {}),
          ...(result.notLearned[0]
            ? {
                notLearned: result.notLearned.map((l) => `“${l.alias}” (${l.why})`).join(', '),
              }
            : {}),
        });
        res.redirect(303, `${next ?? '/console/review'}?${qs.toString()}`);
      } catch (error) {
        if (
          wantsJson(req) ||
          !(error instanceof AppError) ||
          !['INVALID_INPUT', 'CONFLICT'].includes(error.code)
        )
          throw error;
        if (error instanceof z.ZodError) throw error;
        await renderReviewOrder(
          req,
          res,
          id,
          error.message,
          error.code === 'CONFLICT' ? 409 : 400,
          typed,
        );
      }
    }),
  );

  router.post(
    '/review/orders/:id/reject',
    requirePermission('review'),
    h(async (req, res) => {
      const user = currentUser(res);
      const id = param(req, 'id');
      const order = await rm.findOrderDetail(deps.db, id);
      await rejectDraft(
        { db: deps.db, jobs: deps.jobs },
        { orderId: id, note: str(req.body?.note), actor: `user:${user.email}` },
      );
      if (wantsJson(req)) {
        res.json({ orderId: id, status: 'rejected' });
        return;
      }
      const next = await nextInQueue(id);
      res.redirect(
        303,
        `${next ?? '/console/review'}?done=rejected&order=${String(order?.orderNo ?? '')}`,
      );
    }),
  );

  router.post(
    '/review/messages/:id/attach',
    requirePermission('review'),
    h(async (req, res) => {
      const user = currentUser(res);
      const result = await attachDealer(
        { db: deps.db },
        {
          messageId: param(req, 'id'),
          dealerCode: skuOf(str(req.body?.dealer)),
          linkSender: str(req.body?.link) === '1',
          actor: `user:${user.email}`,
        },
      );
      if (wantsJson(req)) {
        res.json(result);
        return;
      }
      const first = result.orderIds[0];
      res.redirect(
        303,
        first ? `/console/review/orders/${first}?done=attached` : '/console/review',
      );
    }),
  );

  router.post(
    '/review/messages/:id/dismiss',
    requirePermission('review'),
    h(async (req, res) => {
      const user = currentUser(res);
      await dismissMessage(
        { db: deps.db, jobs: deps.jobs },
        { messageId: param(req, 'id'), note: str(req.body?.note), actor: `user:${user.email}` },
      );
      if (wantsJson(req)) {
        res.json({ ok: true });
        return;
      }
      res.redirect(303, '/console/review?done=dismissed');
    }),
  );

  // ------------------------------------------------------------ approvals
  router.get(
    '/approvals',
    h(async (req, res) => {
      const user = currentUser(res);
      const [credit, price] = await Promise.all([
        rm.listHeldOrders(deps.db, 'held_credit'),
        rm.listHeldOrders(deps.db, 'held_price'),
      ]);
      show(
        req,
        res,
        'approvals',
        'Approvals',
        approvalsBody({
          credit,
          price,
          csrf: user.csrfToken,
          canCredit: can(user.role, 'approveCredit'),
          canPrice: can(user.role, 'approvePrice'),
          priceAction: true,
        }),
      );
    }),
  );
  // Decisions go through the pricing/credit policy's service: it records the
  // approval, re-settles the order under the credit lock and tells the dealer.
  const decide = (kind: 'credit' | 'price', decisionFromPath: 'approve' | 'reject' | null) =>
    h(async (req, res) => {
      const user = currentUser(res);
      const decision = decisionFromPath ?? str(req.body?.decision);
      if (decision !== 'approve' && decision !== 'reject') {
        throw new AppError('INVALID_INPUT', 'decision must be approve or reject');
      }
      const note = str(req.body?.note).trim();
      // The dealer hears a rejection's reason; an approval needs none.
      if (note === '' && decision === 'reject') {
        throw new AppError('INVALID_INPUT', 'write a note to reject: the dealer is told it');
      }
      const id = param(req, 'id');
      const order = await rm.findOrderDetail(deps.db, id);
      const result = await decideOrderApproval(
        { db: deps.db, jobs: deps.jobs },
        {
          orderId: id,
          kind,
          decision,
          note,
          actor: { principal: `user:${user.email}`, role: user.role },
        },
      );
      if (wantsJson(req)) {
        res.json(result);
        return;
      }
      res.redirect(
        303,
        `/console/approvals?done=${kind}_${decision}&order=${String(order?.orderNo ?? '')}&status=${result.status}`,
      );
    });
  router.post('/approvals/credit/:id', requirePermission('approveCredit'), decide('credit', null));
  router.post(
    '/approvals/credit/:id/approve',
    requirePermission('approveCredit'),
    decide('credit', 'approve'),
  );
  router.post(
    '/approvals/credit/:id/reject',
    requirePermission('approveCredit'),
    decide('credit', 'reject'),
  );
  router.post('/approvals/price/:id', requirePermission('approvePrice'), decide('price', null));
  router.post(
    '/approvals/price/:id/approve',
    requirePermission('approvePrice'),
    decide('price', 'approve'),
  );
  router.post(
    '/approvals/price/:id/reject',
    requirePermission('approvePrice'),
    decide('price', 'reject'),
  );

  // ------------------------------------------------------------ reports
  router.use(
    '/reports',
    requirePermission('reports'),
    reportsConsoleRouter({
      db: deps.db,
      render: (req, res, title, body) => show(req, res, 'reports', title, body),
    }),
  );

  // ------------------------------------------------------------ orders
  router.get(
    '/orders',
    h(async (req, res) => {
      const status = str(req.query.status);
      const channel = str(req.query.channel);
      const date = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
      const filters: rm.OrderSearchInput = {
        dealer: str(req.query.dealer).split(' — ')[0]!.slice(0, 100),
        ...((ORDER_STATUSES as readonly string[]).includes(status)
          ? { status: status as rm.OrderRow['status'] }
          : {}),
        ...((CHANNELS as readonly string[]).includes(channel)
          ? { channel: channel as rm.OrderRow['channel'] }
          : {}),
        ...(date(str(req.query.from)) ? { from: str(req.query.from) } : {}),
        ...(date(str(req.query.to)) ? { to: str(req.query.to) } : {}),
      };
      show(
        req,
        res,
        'orders',
        'Orders',
        ordersBody(await rm.searchOrders(deps.db, filters), filters),
      );
    }),
  );
  router.get(
    '/orders/:id',
    h(async (req, res) => {
      const order = await rm.findOrderDetail(deps.db, param(req, 'id'));
      if (!order) throw new AppError('NOT_FOUND', 'no such order');
      const [audit, messages] = await Promise.all([
        rm.listOrderAudit(deps.db, order.id),
        rm.listOrderMessages(deps.db, order.id, order.inboundMessageId),
      ]);
      show(
        req,
        res,
        'orders',
        `Order #${order.orderNo}`,
        orderDetailBody({ order, audit, messages }),
      );
    }),
  );

  // ------------------------------------------------------------ dealers
  router.get(
    '/dealers',
    h(async (req, res) => {
      const q = str(req.query.q).slice(0, 100);
      show(
        req,
        res,
        'dealers',
        'Dealers',
        dealersBody(await rm.listDealersWithCredit(deps.db, q), q),
      );
    }),
  );
  router.get(
    '/dealers/:code',
    h(async (req, res) => {
      const code = param(req, 'code');
      const dealer = (await rm.listDealersWithCredit(deps.db, code)).find((d) => d.code === code);
      if (!dealer) throw new AppError('NOT_FOUND', `no dealer with code ${code}`);
      const [contacts, orders, ledger, aliases, held, devices] = await Promise.all([
        rm.listDealerContacts(deps.db, code),
        rm.searchOrders(deps.db, { dealer: code, limit: 25 }),
        rm.listLedger(deps.db, code),
        rm.listLearnedAliasesFor(deps.db, code),
        deps.db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.min('due_date').as('due'))
          .where('dealer_code', '=', code)
          .where('kind', '=', 'invoice')
          .where('settled_at', 'is', null)
          .executeTakeFirst(),
        listPortalDevices(deps.db, code),
      ]);
      const priceList = (
        await deps.db
          .selectFrom('dealers')
          .select('price_list')
          .where('code', '=', code)
          .executeTakeFirst()
      )?.price_list;
      const emptyList =
        priceList != null && !(await rm.priceListHasPrices(deps.db, priceList)) ? priceList : null;
      const isAdmin = can(currentUser(res).role, 'admin');
      const settings = isAdmin
        ? await deps.db
            .selectFrom('dealers as d')
            .leftJoin('dealer_credit as c', 'c.dealer_code', 'd.code')
            .select([
              'd.credit_policy',
              'd.overdue_days',
              'd.language',
              'd.active',
              'd.auto_confirm',
              'd.rollout',
              'c.temp_limit_minor',
              'c.temp_limit_expires_at',
            ])
            .where('d.code', '=', code)
            .executeTakeFirstOrThrow()
        : null;
      const due = held?.due ?? null;
      const overdueDays =
        due === null
          ? null
          : Math.floor((Date.now() - new Date(`${due}T00:00:00Z`).getTime()) / 86_400_000);
      show(
        req,
        res,
        'dealers',
        dealer.name,
        dealerDetailBody({
          dealer,
          overdueDays: overdueDays !== null && overdueDays > 0 ? overdueDays : null,
          contacts,
          orders: orders.filter((o) => o.dealerCode === code),
          ledger,
          aliases,
          portalDevices: devices.length,
          emptyPriceList: emptyList,
          settings:
            settings === null
              ? null
              : {
                  csrf: currentUser(res).csrfToken,
                  creditPolicy: settings.credit_policy,
                  overdueDays: settings.overdue_days,
                  language: settings.language,
                  active: settings.active,
                  autoConfirm: settings.auto_confirm,
                  rollout: settings.rollout,
                  tempLimitMinor:
                    settings.temp_limit_expires_at !== null &&
                    settings.temp_limit_expires_at.getTime() > Date.now()
                      ? settings.temp_limit_minor
                      : null,
                  tempLimitUntil:
                    settings.temp_limit_expires_at === null
                      ? null
                      : indiaDate(settings.temp_limit_expires_at),
                },
          csrf: can(currentUser(res).role, 'review') ? currentUser(res).csrfToken : null,
        }),
      );
    }),
  );
  router.get(
    '/dealers/:code/statement.csv',
    h(async (req, res) => {
      const code = param(req, 'code');
      if (!(await dealerExists(deps.db, code))) {
        throw new AppError('NOT_FOUND', `no dealer with code ${code}`);
      }
      const [entries, open] = await Promise.all([
        listStatementEntries(deps.db, code, STATEMENT_CSV_ENTRIES),
        listOpenInvoices(deps.db, code, new Date()),
      ]);
      res
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set(
          'Content-Disposition',
          `attachment; filename="statement-${code.replace(/[^\w.-]/g, '_')}.csv"`,
        )
        .set('Cache-Control', 'no-store')
        .send(statementCsv(entries, open));
    }),
  );
  // ------------------------------------------------------------ settings (admins)
  const showSettings = async (
    req: Request,
    res: Response,
    newToken: { name: string; token: string } | null = null,
  ) => {
    const [users, tokens, authorities, defaults, channels] = await Promise.all([
      deps.db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'active', 'last_login_at'])
        .orderBy('email')
        .execute(),
      deps.db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'role', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
        .orderBy('created_at', 'desc')
        .execute(),
      deps.db.selectFrom('discount_authorities').select(['principal', 'max_discount_bp']).execute(),
      deps.db
        .selectFrom('app_settings')
        .select(['default_credit_policy', 'default_overdue_days'])
        .executeTakeFirst(),
      deps.db.selectFrom('channel_settings').select(['channel', 'rollout']).execute(),
    ]);
    show(
      req,
      res,
      'settings',
      'Settings',
      settingsBody({
        csrf: currentUser(res).csrfToken,
        users,
        tokens,
        authorities: new Map(authorities.map((a) => [a.principal, a.max_discount_bp])),
        newToken,
        channels: CHANNELS.map((channel) => ({
          channel,
          rollout: channels.find((c) => c.channel === channel)?.rollout ?? 'on',
        })),
        defaults: {
          creditPolicy: defaults?.default_credit_policy ?? 'hold',
          overdueDays: defaults?.default_overdue_days ?? null,
        },
      }),
    );
  };
  const adminAudit = (
    res: Response,
    entityType: 'user' | 'api_token' | 'settings',
    entityId: string,
    action: string,
    reason: string,
  ) =>
    recordAuditEvents(deps.db, [
      { entityType, entityId, action, actor: `user:${currentUser(res).email}`, reason },
    ]);
  router.get(
    '/settings',
    requirePermission('admin'),
    h((req, res) => showSettings(req, res)),
  );
  router.post(
    '/settings/users',
    requirePermission('admin'),
    h(async (req, res) => {
      const user = await createUser(deps.db, {
        email: str(req.body?.email),
        ...(str(req.body?.name).trim() ? { name: str(req.body?.name) } : {}),
        role: str(req.body?.role) as 'ops',
        password: str(req.body?.password),
      });
      await adminAudit(res, 'user', user.id, 'created', `${user.email} as ${user.role}`);
      res.redirect(303, '/console/settings?done=user_added');
    }),
  );
  router.post(
    '/settings/users/:id/role',
    requirePermission('admin'),
    h(async (req, res) => {
      const role = str(req.body?.role);
      if (!(USER_ROLES as readonly string[]).includes(role)) {
        throw new AppError('INVALID_INPUT', `role must be one of ${USER_ROLES.join(', ')}`);
      }
      const id = param(req, 'id');
      if (id === currentUser(res).id && role !== 'admin') {
        throw new AppError('CONFLICT', 'you cannot take away your own admin role');
      }
      const target = await deps.db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!target) throw new AppError('NOT_FOUND', 'no such user');
      await updateUserRole(deps.db, id, role as 'ops');
      await adminAudit(res, 'user', id, 'role_changed', `${target.email} → ${role}`);
      res.redirect(303, '/console/settings?done=role');
    }),
  );
  for (const active of [true, false]) {
    router.post(
      `/settings/users/:id/${active ? 'activate' : 'deactivate'}`,
      requirePermission('admin'),
      h(async (req, res) => {
        const id = param(req, 'id');
        if (!active && id === currentUser(res).id) {
          throw new AppError('CONFLICT', 'you cannot deactivate yourself');
        }
        const target = await deps.db
          .selectFrom('users')
          .select(['email'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!target) throw new AppError('NOT_FOUND', 'no such user');
        await setUserActive(deps.db, target.email, active);
        await adminAudit(res, 'user', id, active ? 'activated' : 'deactivated', target.email);
        res.redirect(303, '/console/settings?done=access');
      }),
    );
  }
  router.post(
    '/settings/authority',
    requirePermission('admin'),
    h(async (req, res) => {
      const email = str(req.body?.email).trim().toLowerCase();
      const percent = Number(str(req.body?.percent).trim());
      if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
        throw new AppError('INVALID_INPUT', 'the discount authority is a percent from 0 to 100');
      }
      const target = await deps.db
        .selectFrom('users')
        .select(['id', 'role'])
        .where('email', '=', email)
        .executeTakeFirst();
      if (!target) throw new AppError('NOT_FOUND', `no user ${email}`);
      await setDiscountAuthority(deps.db, `user:${email}`, Math.round(percent * 100));
      await adminAudit(res, 'user', target.id, 'discount_authority', `${email} up to ${percent}%`);
      res.redirect(303, '/console/settings?done=authority');
    }),
  );
  router.post(
    '/settings/channels/:channel',
    requirePermission('admin'),
    h(async (req, res) => {
      const channel = param(req, 'channel');
      const rollout = str(req.body?.rollout);
      if (!(CHANNELS as readonly string[]).includes(channel)) {
        throw new AppError('NOT_FOUND', `no channel ${channel}`);
      }
      if (!(ROLLOUTS as readonly string[]).includes(rollout)) {
        throw new AppError('INVALID_INPUT', 'the rollout is on, pilot or off');
      }
      await deps.db
        .insertInto('channel_settings')
        .values({ channel: channel as 'email', rollout: rollout as 'on' })
        .onConflict((oc) =>
          oc.column('channel').doUpdateSet({ rollout: rollout as 'on', updated_at: new Date() }),
        )
        .execute();
      await adminAudit(
        res,
        'settings',
        `channel:${channel}`,
        'rollout_changed',
        `${channel}: ${rollout}`,
      );
      res.redirect(303, '/console/settings?done=channel');
    }),
  );
  router.post(
    '/settings/defaults',
    requirePermission('admin'),
    h(async (req, res) => {
      const policy = str(req.body?.creditPolicy);
      const overdueText = str(req.body?.overdueDays).trim();
      if (!(CREDIT_POLICIES as readonly string[]).includes(policy)) {
        throw new AppError('INVALID_INPUT', 'the policy is hold or block');
      }
      const overdue = overdueText === '' ? null : Number(overdueText);
      if (overdue !== null && !(Number.isInteger(overdue) && overdue >= 1 && overdue <= 365)) {
        throw new AppError('INVALID_INPUT', 'overdue days are 1 to 365, or empty for no rule');
      }
      await deps.db
        .updateTable('app_settings')
        .set({
          default_credit_policy: policy as 'hold',
          default_overdue_days: overdue,
          updated_at: new Date(),
        })
        .execute();
      await adminAudit(
        res,
        'settings',
        'dealer-defaults',
        'changed',
        `${policy}, overdue ${overdue ?? 'none'}`,
      );
      res.redirect(303, '/console/settings?done=defaults');
    }),
  );
  router.post(
    '/settings/tokens',
    requirePermission('admin'),
    h(async (req, res) => {
      const name = str(req.body?.name).trim();
      const role = str(req.body?.role);
      const daysText = str(req.body?.days).trim();
      if (name === '' || name.length > 100)
        throw new AppError('INVALID_INPUT', 'give the token a name');
      if (!(API_TOKEN_ROLES as readonly string[]).includes(role)) {
        throw new AppError('INVALID_INPUT', `role must be one of ${API_TOKEN_ROLES.join(', ')}`);
      }
      const days = daysText === '' ? null : Number(daysText);
      if (days !== null && !(Number.isInteger(days) && days > 0 && days <= 3650)) {
        throw new AppError('INVALID_INPUT', 'expiry is a whole number of days, or empty for never');
      }
      const token = randomBytes(32).toString('base64url');
      const made = await createApiToken(deps.db, {
        name,
        token,
        role: role as 'admin',
        expiresAt: days === null ? null : new Date(Date.now() + days * 86_400_000),
      });
      await adminAudit(res, 'api_token', made.id, 'created', `${name} (${role})`);
      await showSettings(req, res, { name, token });
    }),
  );
  router.post(
    '/settings/tokens/:id/revoke',
    requirePermission('admin'),
    h(async (req, res) => {
      const id = param(req, 'id');
      const done = await deps.db
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('name')
        .executeTakeFirst();
      if (!done) throw new AppError('NOT_FOUND', 'no such live token');
      await adminAudit(res, 'api_token', id, 'revoked', done.name);
      res.redirect(303, '/console/settings?done=revoked');
    }),
  );

  router.post(
    '/dealers/:code/settings',
    requirePermission('admin'),
    h(async (req, res) => {
      const code = param(req, 'code');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const tempLimit = str(body.tempLimit).trim();
      try {
        const { changed } = await setDealerSettings(deps.db, {
          dealerCode: code,
          settings: {
            creditPolicy: str(body.creditPolicy) as 'hold',
            overdueDays: str(body.overdueDays).trim(),
            language: str(body.language),
            active: str(body.active),
            autoConfirm: str(body.autoConfirm),
            rollout: str(body.rollout) as 'on',
            tempLimit: tempLimit === '' ? null : { amount: tempLimit, until: str(body.tempUntil) },
          },
          actor: `user:${currentUser(res).email}`,
        });
        const qs = new URLSearchParams({
          done: 'settings',
          what: Object.keys(changed).join(', ') || 'nothing',
        });
        res.redirect(303, `/console/dealers/${encodeURIComponent(code)}?${qs.toString()}`);
      } catch (error) {
        if (error instanceof z.ZodError) {
          throw new AppError(
            'INVALID_INPUT',
            error.issues.map((i) => `${String(i.path[0] ?? '')}: ${i.message}`).join('; '),
          );
        }
        throw error;
      }
    }),
  );
  router.post(
    '/dealers/:code/portal-link',
    requirePermission('review'),
    h(async (req, res) => {
      const code = param(req, 'code');
      const sent = await deps.db.transaction().execute((trx) =>
        sendPortalLink(trx, {
          dealerCode: code,
          requestedBy: `user:${currentUser(res).email}`,
          publicUrl: deps.publicUrl ?? ownOrigin(req),
          now: new Date(),
        }),
      );
      if (!sent.sent && sent.reason === 'unknown_dealer')
        throw new AppError('NOT_FOUND', `no dealer with code ${code}`);
      if (sent.sent && sent.outboxId !== null)
        await deps.jobs.enqueue('notify', [{ outboxId: sent.outboxId }]);
      const qs = new URLSearchParams(
        sent.sent
          ? { done: 'portal_link', to: `${sent.channel} ${sent.recipient}` }
          : { done: 'portal_link_refused', why: sent.reason },
      );
      res.redirect(303, `/console/dealers/${encodeURIComponent(code)}?${qs.toString()}`);
    }),
  );
  router.post(
    '/dealers/:code/portal-signout',
    requirePermission('review'),
    h(async (req, res) => {
      const code = param(req, 'code');
      const n = await revokeAllPortalDevices(deps.db, {
        dealerCode: code,
        actor: `user:${currentUser(res).email}`,
        now: new Date(),
      });
      const qs = new URLSearchParams({ done: 'portal_signout', devices: String(n) });
      res.redirect(303, `/console/dealers/${encodeURIComponent(code)}?${qs.toString()}`);
    }),
  );
  router.post(
    '/dealers/:code/aliases/:id/forget',
    requirePermission('review'),
    h(async (req, res) => {
      const code = param(req, 'code');
      const { alias } = await forgetAlias(deps.db, {
        dealerCode: code,
        aliasId: param(req, 'id'),
        actor: `user:${currentUser(res).email}`,
      });
      const qs = new URLSearchParams({ done: 'forgot', alias });
      res.redirect(303, `/console/dealers/${encodeURIComponent(code)}?${qs.toString()}`);
    }),
  );

  // ------------------------------------------------------------ phone orders
  const showPhone = async (
    req: Request,
    res: Response,
    status = 200,
    form: { dealer?: string; text?: string; error?: string } = {},
  ) =>
    show(
      req,
      res,
      'phone',
      'Phone orders',
      phoneOrdersBody({
        csrf: currentUser(res).csrfToken,
        recent: await listRecentTranscripts(deps.db),
        ...form,
      }),
      status,
    );
  router.get(
    '/phone',
    requirePermission('review'),
    h((req, res) => showPhone(req, res)),
  );
  router.post(
    '/phone',
    requirePermission('review'),
    h(async (req, res) => {
      const typed = str(req.body?.dealer).trim();
      const text = str(req.body?.text);
      const form = { dealer: typed, text };
      const dealer = skuOf(typed);
      if (dealer === '') {
        return showPhone(req, res, 400, { ...form, error: 'Choose the dealer who called.' });
      }
      if (text.trim() === '') {
        return showPhone(req, res, 400, { ...form, error: 'Paste or load the transcript.' });
      }
      if (text.length > MAX_TRANSCRIPT_CHARS) {
        return showPhone(req, res, 400, {
          ...form,
          error: `The transcript is longer than ${MAX_TRANSCRIPT_CHARS.toLocaleString('en-IN')} characters; send the order part only.`,
        });
      }
      if (!(await dealerExists(deps.db, dealer))) {
        return showPhone(req, res, 404, {
          ...form,
          error: `No dealer with code "${dealer}". Pick one from the list.`,
        });
      }
      await deps.ingest({
        channel: 'transcript',
        externalId: randomUUID(),
        sender: dealer,
        dealerCode: dealer,
        text,
        receivedAt: new Date(),
      });
      res.redirect(303, `/console/phone?done=phone&dealer=${encodeURIComponent(dealer)}`);
    }),
  );

  // ------------------------------------------------------------ ERP export
  const showExports = async (
    req: Request,
    res: Response,
    status = 200,
    form: Pick<ExportsPageInput, 'error' | 'form' | 'download' | 'downloadError'> = {},
  ) => {
    const user = currentUser(res);
    const [targets, dead, retrying] = await Promise.all([
      listExportTargetStatus(deps.db),
      listExportProblems(deps.db, 'dead'),
      listExportProblems(deps.db, 'retrying', 50),
    ]);
    show(
      req,
      res,
      'exports',
      'ERP export',
      exportsBody({
        targets,
        dead,
        retrying,
        csrf: can(user.role, 'resendExports') ? user.csrfToken : null,
        ...form,
      }),
      status,
    );
  };
  router.get(
    '/exports',
    h((req, res) => showExports(req, res)),
  );
  for (const format of ['csv', 'xlsx'] as const) {
    router.get(
      `/exports/orders.${format}`,
      h(async (req, res) => {
        const range = { from: str(req.query.from), to: str(req.query.to) };
        try {
          const file = await downloadOrders(deps.db, { ...range, format });
          res
            .set('Content-Type', file.contentType)
            .set('Content-Disposition', `attachment; filename="${file.filename}"`)
            .set('Cache-Control', 'no-store')
            .send(file.body);
        } catch (error) {
          if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
          return showExports(req, res, 400, { download: range, downloadError: error.message });
        }
      }),
    );
  }
  router.post(
    '/exports/deliveries/:id/retry',
    requirePermission('resendExports'),
    h(async (req, res) => {
      const done = await retryExportDelivery(
        deps.db,
        param(req, 'id'),
        `user:${currentUser(res).email}`,
      );
      const order = await rm.findOrderDetail(deps.db, done.orderId);
      const qs = new URLSearchParams({
        done: 'retried',
        order: order ? `#${order.orderNo}` : 'The order',
        target: done.target,
      });
      res.redirect(303, `/console/exports?${qs.toString()}`);
    }),
  );
  router.post(
    '/exports/resend',
    requirePermission('resendExports'),
    h(async (req, res) => {
      const form = {
        order: str(req.body?.order).trim().slice(0, 100),
        from: str(req.body?.from).trim(),
        to: str(req.body?.to).trim(),
      };
      const day = /^\d{4}-\d{2}-\d{2}$/;
      let selection: ReexportSelection;
      if (form.order !== '') selection = { order: form.order };
      else if (day.test(form.from) && day.test(form.to)) {
        selection = { from: form.from, to: form.to };
      } else {
        return showExports(req, res, 400, {
          form,
          error: 'Give one order number, or both days of a range.',
        });
      }
      try {
        const result = await reexportOrders(deps.db, selection, `user:${currentUser(res).email}`);
        const qs = new URLSearchParams({
          done: 'resent',
          orders: String(result.orders),
          deliveries: String(result.deliveries),
        });
        res.redirect(303, `/console/exports?${qs.toString()}`);
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
        const { status } = toHttpError(error);
        return showExports(req, res, status, { form, error: error.message });
      }
    }),
  );

  // ------------------------------------------------------------ channels
  router.get(
    '/channels',
    h(async (req, res) => {
      const user = currentUser(res);
      const entries = await Promise.all(
        Object.entries(deps.health).map(async ([name, check]) => {
          // A channel's check may answer an object ({ status, state, ... }) rather than a word.
          const result: unknown = await runCheck(check);
          const word =
            typeof result === 'string'
              ? result
              : typeof result === 'object' && result !== null && 'status' in result
                ? `${String(result.status)}${'state' in result && result.state !== result.status ? ` (${String(result.state)})` : ''}`
                : 'unknown';
          return [name, word] as const;
        }),
      );
      const states = await rm.listChannelStates(deps.db).catch(() => []);
      show(
        req,
        res,
        'channels',
        'Channels',
        channelsBody({
          checks: Object.fromEntries(entries),
          states,
          isAdmin: can(user.role, 'admin'),
          hasDashboard: (deps.queues?.length ?? 0) > 0,
        }),
      );
    }),
  );

  router.use((req, res) => {
    if (wantsJson(req)) {
      res
        .status(404)
        .json({ error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${req.path}` } });
      return;
    }
    res
      .status(404)
      .type('html')
      .send(
        barePage(
          'Not found',
          html`<div class="login">
            <h1>Not found</h1>
            <p><a href="/console/review">Back to the console</a></p>
          </div>`,
        ),
      );
  });
  router.use(consoleErrors(deps));
  return router;
}

function consoleErrors(deps: ConsoleDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const http = toHttpError(error);
    if (http.status >= 500) deps.logger.error({ err: error }, 'console request failed');
    if (wantsJson(req) || req.method !== 'GET') {
      if (wantsJson(req) || http.status !== 403) {
        res.status(http.status).json(http.body);
        return;
      }
    }
    const user = res.locals.consoleUser as Parameters<typeof page>[0]['user'] | undefined;
    const body = html`<div class="card">
      <h1>
        ${http.status === 403 ? 'Not allowed' : http.status === 404 ? 'Not found' : 'Something went wrong'}
      </h1>
      <p>${http.body.error.message}</p>
      <p><a href="/console/review">Back to the console</a></p>
    </div>`;
    res
      .status(http.status)
      .type('html')
      .send(
        user
          ? page({ title: 'Error', section: null, user, body, pollMs: deps.pollMs ?? 3000 })
          : barePage('Error', body),
      );
  };
}

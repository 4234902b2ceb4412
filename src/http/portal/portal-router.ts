/**
 * The dealer portal at /portal (docs/portal.md): sign-in by a single-use
 * link, then home (credit, orders needing attention, recent orders), a new
 * order priced from the dealer's own prices with slab nudges, order detail
 * and reorder, the account (unpaid bills, statement, CSV) and the
 * dealer's signed-in devices. Server-rendered and usable without script;
 * installable as a PWA. Security, in order: helmet with a strict CSP, a
 * rate-limited sign-in, a device session cookie scoped to /portal, a CSRF
 * token and an Origin check on every POST, and every read filtered by the
 * signed-in dealer (another dealer's order number answers 404). Pages are
 * in English or Hindi: the dealer's pick on the device (a cookie set by
 * /portal/lang/:lang), else the dealer's language on file.
 */
import { randomBytes } from 'node:crypto';
import cookieParser from 'cookie-parser';
import express, {
  Router,
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import { h, list, str } from '../form-values.js';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import type { JobQueue } from '../../queues/job-catalog.js';
import { findDealerCreditView } from '../../repositories/read-models/dealer-credit.read-model.js';
import {
  listOpenInvoices,
  listStatementEntries,
} from '../../repositories/read-models/dealer-statement.read-model.js';
import {
  findPortalOrder,
  findPortalProducts,
  listPortalOrders,
  listUsualProducts,
} from '../../repositories/read-models/portal.read-model.js';
import { searchProducts } from '../../repositories/read-models/console.read-model.js';
import { statementCsv } from '../../services/accounting/statement-csv.js';
import { portalOrderCsv } from '../../services/portal/portal-order-csv.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { unitPrices } from '../../services/price-lines.js';
import {
  PORTAL_SESSION_TTL_MS,
  hashSecret,
  listPortalDevices,
  redeemPortalLink,
  resumePortalSession,
  revokePortalDevice,
  type PortalSessionWithDealer,
} from '../../services/portal/portal-access.js';
import {
  MAX_PORTAL_QTY,
  placePortalOrder,
  portalLinesSchema,
  previewPortalOrder,
  type PortalLine,
} from '../../services/portal/portal-order.js';
import { LoginLimitStore } from '../console/login-limit-store.js';
import { isCrossSite, ownOrigin } from '../console/session-auth.js';
import {
  PORTAL_CSS,
  PORTAL_ICON_SVG,
  PORTAL_JS,
  PORTAL_MANIFEST,
  PORTAL_SERVICE_WORKER,
} from './portal-assets.js';
import {
  ATTENTION_STATUSES,
  accountBody,
  homeBody,
  linkRefusedPage,
  orderDetailBody,
  orderFormBody,
  ordersBody,
  portalBarePage,
  portalPage,
  signInPage,
  type CartLine,
  type PortalFrame,
} from './portal-pages.js';
import {
  isPortalLanguage,
  pickPortalLanguage,
  portalText,
  type PortalLanguage,
  type PortalText,
} from './portal-text.js';
import { html } from '../console/html.js';

export const PORTAL_COOKIE = 'od_portal';
/** The dealer's language pick on this device; outlives sign-outs so the sign-in page follows it. */
export const PORTAL_LANG_COOKIE = 'od_portal_lang';
const LANG_COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
const ORDERS_PER_PAGE = 20;
const STATEMENT_SHOWN = 20;
const STATEMENT_CSV_ENTRIES = 10_000;

export interface PortalDeps {
  db: Kysely<DB>;
  /** Sends the reply a portal order writes at once; absent: the sweeper sends it. */
  jobs?: Pick<JobQueue, 'enqueue'> | null;
  /** Secure cookies: 'auto' (default) follows the request's scheme (behind a proxy: TRUST_PROXY). */
  secureCookies?: boolean | 'auto';
  /** Sign-in attempts per IP per window. Default 30 per 15 minutes. */
  signInLimit?: { max: number; windowMs: number };
  /** Shares the sign-in limit across API processes; absent: counted per process. */
  rateLimitRedis?: Pick<Redis, 'call'>;
  rateLimitPrefix?: string;
  /** Default: the wall clock. */
  now?: () => Date;
}

const CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

function session(res: Response): PortalSessionWithDealer {
  const s = res.locals.portalSession as PortalSessionWithDealer | undefined;
  if (!s) throw new AppError('UNAUTHORIZED', 'sign in first');
  return s;
}

/** The cookie's pick, else (once signed in) the dealer's language on file, else English. */
function languageOf(req: Request, res: Response): PortalLanguage {
  const s = res.locals.portalSession as PortalSessionWithDealer | undefined;
  const cookies = (req.cookies ?? {}) as Record<string, unknown>;
  return pickPortalLanguage(str(cookies[PORTAL_LANG_COOKIE]), s?.dealer_language);
}

function textOf(req: Request, res: Response): PortalText {
  return portalText(languageOf(req, res));
}

function frame(
  req: Request,
  res: Response,
  tab: PortalFrame['tab'],
  title: string,
  flash?: string | null,
): PortalFrame {
  const s = session(res);
  const lang = languageOf(req, res);
  return {
    dealerName: s.dealer_name,
    dealerCode: s.dealer_code,
    csrf: s.csrf_token,
    tab,
    title,
    flash: flash ?? null,
    t: portalText(lang),
    lang,
  };
}

/**
 * Where the language switch returns to: the page it was tapped on when that
 * is one of ours under /portal (never the switch itself), else home.
 */
function backTo(req: Request): string {
  let url: URL;
  try {
    url = new URL(req.get('referer') ?? '');
  } catch {
    return '/portal';
  }
  const inPortal = url.pathname === '/portal' || url.pathname.startsWith('/portal/');
  if (url.origin !== ownOrigin(req) || !inPortal || url.pathname.startsWith('/portal/lang/'))
    return '/portal';
  return url.pathname + url.search;
}

/** The cart a form sent: parallel `sku` and `qty` fields, checked by the order schema. */
function cartOf(body: Record<string, unknown>, t: PortalText): PortalLine[] {
  const skus = list(body.sku);
  const qtys = list(body.qty);
  const parsed = portalLinesSchema.safeParse(
    skus.map((sku, i) => ({ sku, qty: qtys[i] === '' ? 0 : (qtys[i] ?? 0) })),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INVALID_INPUT', t.badQuantity(issue?.message, MAX_PORTAL_QTY));
  }
  return parsed.data;
}

export function portalRouter(deps: PortalDeps): Router {
  const router = Router();
  const now = () => deps.now?.() ?? new Date();
  const limit = deps.signInLimit ?? { max: 30, windowMs: 15 * 60 * 1000 };
  const secure = (req: Request) =>
    deps.secureCookies === undefined || deps.secureCookies === 'auto'
      ? req.secure
      : deps.secureCookies;

  router.use((req, res, next) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CSP },
      strictTransportSecurity: req.secure,
      // The sign-in link's token must not leak to another site in a Referer header
      // (`no-referrer` would make the browser send `Origin: null` on our own forms).
      referrerPolicy: { policy: 'same-origin' },
    })(req, res, next),
  );
  router.use(cookieParser());
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 1000 }));

  // ---------------------------------------------------------- static parts (no session)
  const asset = (path: string, type: string, body: string) =>
    router.get(path, (_req, res) => {
      res.set('Cache-Control', 'no-cache').type(type).send(body);
    });
  asset('/assets/portal.css', 'css', PORTAL_CSS);
  asset('/assets/portal.js', 'js', PORTAL_JS);
  asset('/sw.js', 'js', PORTAL_SERVICE_WORKER);
  asset('/manifest.webmanifest', 'application/manifest+json', PORTAL_MANIFEST);
  asset('/icon.svg', 'image/svg+xml', PORTAL_ICON_SVG);

  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  // ---------------------------------------------------------- language (signed in or not)
  router.get(
    '/lang/:lang',
    h((req, res) => {
      const lang = str(req.params.lang);
      if (!isPortalLanguage(lang)) throw new AppError('NOT_FOUND', textOf(req, res).notFound);
      res.cookie(PORTAL_LANG_COOKIE, lang, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(req),
        path: '/portal',
        maxAge: LANG_COOKIE_MAX_AGE_MS,
      });
      res.redirect(303, backTo(req));
    }),
  );

  // ---------------------------------------------------------- sign-in
  router.get('/login', (req, res) => {
    const token = str(req.query.t);
    const lang = languageOf(req, res);
    if (token === '') {
      res.status(400).type('html').send(linkRefusedPage('unknown', lang));
      return;
    }
    // Opening the link changes nothing: chat apps fetch links to draw previews.
    res.type('html').send(signInPage(token, lang));
  });

  const signInLimiter = rateLimit({
    ...(deps.rateLimitRedis
      ? {
          store: new LoginLimitStore(
            deps.rateLimitRedis,
            `${deps.rateLimitPrefix ?? 'orderdesk:portal-limit:'}ip:`,
          ),
        }
      : {}),
    passOnStoreError: true,
    windowMs: limit.windowMs,
    limit: limit.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      const lang = languageOf(req, res);
      const t = portalText(lang);
      res
        .status(429)
        .type('html')
        .send(
          portalBarePage(
            t.signIn,
            html`<h1>${t.portalHeading}</h1>
              <p class="warn" role="alert">${t.tooManyAttempts}</p>`,
            lang,
          ),
        );
    },
  });
  router.post(
    '/login',
    signInLimiter,
    h(async (req, res) => {
      if (isCrossSite(req)) throw new AppError('FORBIDDEN', textOf(req, res).crossSite);
      const body = req.body as Record<string, unknown>;
      const result = await redeemPortalLink(deps.db, {
        token: str(body.t),
        userAgent: req.get('user-agent') ?? null,
        now: now(),
      });
      if (!result.ok) {
        res
          .status(result.reason === 'unknown' ? 400 : result.reason === 'inactive' ? 403 : 410)
          .type('html')
          .send(linkRefusedPage(result.reason, languageOf(req, res)));
        return;
      }
      res.cookie(PORTAL_COOKIE, result.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(req),
        path: '/portal',
        maxAge: PORTAL_SESSION_TTL_MS,
      });
      res.redirect(303, '/portal');
    }),
  );

  // ---------------------------------------------------------- everything else: a session
  router.use((req: Request, res: Response, next: NextFunction) => {
    const token = str((req.cookies as Record<string, unknown>)[PORTAL_COOKIE]);
    (token === '' ? Promise.resolve(undefined) : resumePortalSession(deps.db, token))
      .then((s) => {
        if (!s) {
          res.clearCookie(PORTAL_COOKIE, { path: '/portal' });
          res
            .status(401)
            .type('html')
            .send(linkRefusedPage('signed_out', languageOf(req, res)));
          return;
        }
        res.locals.portalSession = s;
        res.locals.portalDeviceId = hashSecret(token);
        const sent = str((req.body as Record<string, unknown> | undefined)?._csrf);
        if (req.method === 'POST' && (isCrossSite(req) || sent !== s.csrf_token)) {
          throw new AppError('FORBIDDEN', textOf(req, res).formExpired);
        }
        next();
      })
      .catch(next);
  });

  router.get(
    '/',
    h(async (req, res) => {
      const s = session(res);
      const [credit, attention, recent, open] = await Promise.all([
        findDealerCreditView(deps.db, s.dealer_code),
        listPortalOrders(deps.db, s.dealer_code, { limit: 10, statuses: ATTENTION_STATUSES }),
        listPortalOrders(deps.db, s.dealer_code, { limit: 5 }),
        listOpenInvoices(deps.db, s.dealer_code, now()),
      ]);
      const overdueMinor = open
        .filter((i) => i.overdueDays > 0)
        .reduce((sum, i) => sum + i.openMinor, 0n);
      const t = textOf(req, res);
      res.type('html').send(
        portalPage(
          frame(req, res, 'home', t.home),
          homeBody(
            {
              credit,
              attention,
              recent: recent.filter((o) => !ATTENTION_STATUSES.includes(o.status)),
              overdueMinor,
            },
            t,
          ),
        ),
      );
    }),
  );

  router.get(
    '/orders',
    h(async (req, res) => {
      const s = session(res);
      const page = Math.max(1, Math.min(1000, Number.parseInt(str(req.query.page), 10) || 1));
      const rows = await listPortalOrders(deps.db, s.dealer_code, {
        limit: ORDERS_PER_PAGE + 1,
        offset: (page - 1) * ORDERS_PER_PAGE,
      });
      const t = textOf(req, res);
      res
        .type('html')
        .send(
          portalPage(
            frame(req, res, 'orders', t.orders),
            ordersBody(rows.slice(0, ORDERS_PER_PAGE), page, rows.length > ORDERS_PER_PAGE, t),
          ),
        );
    }),
  );

  router.get(
    '/orders/:no',
    h(async (req, res) => {
      const s = session(res);
      const no = str(req.params.no);
      const order = /^\d{1,18}$/.test(no)
        ? await findPortalOrder(deps.db, s.dealer_code, BigInt(no))
        : undefined;
      const t = textOf(req, res);
      if (!order) throw new AppError('NOT_FOUND', t.noSuchOrder(no));
      const flash = req.query.placed ? t.orderPlaced(no) : null;
      res
        .type('html')
        .send(
          portalPage(frame(req, res, 'orders', t.orderNo(no), flash), orderDetailBody(order, t)),
        );
    }),
  );

  router.get(
    '/orders/:no/order.csv',
    h(async (req, res) => {
      const s = session(res);
      const no = str(req.params.no);
      const order = /^\d{1,18}$/.test(no)
        ? await findPortalOrder(deps.db, s.dealer_code, BigInt(no))
        : undefined;
      if (!order) throw new AppError('NOT_FOUND', textOf(req, res).noSuchOrder(no));
      res
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="order-${no}.csv"`)
        .send(portalOrderCsv(order));
    }),
  );

  // ---------------------------------------------------------- new order
  const renderOrderForm = async (
    req: Request,
    res: Response,
    input: {
      cart: PortalLine[];
      query: string;
      review: boolean;
      error?: string | null;
      status?: number;
    },
  ) => {
    const s = session(res);
    const products = await findPortalProducts(
      deps.db,
      input.cart.map((l) => l.sku),
    );
    const bySku = new Map(products.map((p) => [p.sku, p]));
    const cart: CartLine[] = input.cart.flatMap((l) => {
      const p = bySku.get(l.sku);
      return p ? [{ sku: p.sku, name: p.name, unit: p.unit, qty: l.qty }] : [];
    });
    const [results, usual, preview] = await Promise.all([
      input.query === '' ? Promise.resolve([]) : searchProducts(deps.db, input.query, 20),
      listUsualProducts(deps.db, s.dealer_code, 8),
      input.review && cart.length > 0
        ? previewPortalOrder(deps.db, {
            dealerCode: s.dealer_code,
            lines: cart.map((l) => ({ sku: l.sku, qty: l.qty })),
            now: now(),
          })
        : Promise.resolve(null),
    ]);
    const inCart = new Set(cart.map((l) => l.sku));
    const dealer = await deps.db
      .selectFrom('dealers')
      .select(['region', 'price_list'])
      .where('code', '=', s.dealer_code)
      .executeTakeFirstOrThrow();
    const prices = await unitPrices(deps.db, {
      dealer: { code: s.dealer_code, region: dealer.region, priceList: dealer.price_list },
      skus: [...results, ...usual].map((p) => p.sku),
      at: now(),
    });
    const t = textOf(req, res);
    res
      .status(input.status ?? 200)
      .type('html')
      .send(
        portalPage(
          frame(req, res, 'order', t.newOrder),
          orderFormBody(
            {
              csrf: s.csrf_token,
              cart,
              query: input.query,
              results: results.filter((p) => !inCart.has(p.sku)),
              usual: usual.filter((p) => !inCart.has(p.sku)),
              preview,
              prices,
              requestKey: randomBytes(12).toString('hex'),
              error: input.error ?? null,
            },
            t,
          ),
        ),
      );
  };

  router.get(
    '/order',
    h(async (req, res) => {
      const s = session(res);
      const from = str(req.query.from);
      let cart: PortalLine[] = [];
      let error: string | null = null;
      if (/^\d{1,18}$/.test(from)) {
        const order = await findPortalOrder(deps.db, s.dealer_code, BigInt(from));
        if (!order) throw new AppError('NOT_FOUND', textOf(req, res).noSuchOrder(from));
        cart = order.lines.filter((l) => !l.free).map((l) => ({ sku: l.sku, qty: l.qty }));
        const sold = new Set(
          (
            await findPortalProducts(
              deps.db,
              cart.map((l) => l.sku),
            )
          ).map((p) => p.sku),
        );
        const gone = cart.filter((l) => !sold.has(l.sku));
        if (gone.length > 0)
          error = textOf(req, res).notSoldAnyMore(gone.map((l) => l.sku).join(', '));
        cart = cart.filter((l) => sold.has(l.sku));
      }
      await renderOrderForm(req, res, { cart, query: '', review: cart.length > 0, error });
    }),
  );

  router.post(
    '/order',
    h(async (req, res) => {
      const s = session(res);
      const body = req.body as Record<string, unknown>;
      const action = str(body.action);
      const add = str(body.add);
      let cart: PortalLine[];
      try {
        cart = cartOf(body, textOf(req, res));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await renderOrderForm(req, res, {
          cart: [],
          query: '',
          review: false,
          error: error.message,
          status: 400,
        });
        return;
      }
      if (add !== '') {
        if (!cart.some((l) => l.sku === add)) cart = [...cart, { sku: add, qty: 1 }];
        await renderOrderForm(req, res, { cart, query: '', review: false });
        return;
      }
      if (action === 'place') {
        const placed = await placePortalOrder(deps.db, {
          dealerCode: s.dealer_code,
          lines: cart,
          requestKey: str(body.key),
          now: now(),
        });
        if (placed.outboxId !== null && deps.jobs)
          await deps.jobs.enqueue('notify', [{ outboxId: placed.outboxId }]);
        res.redirect(303, `/portal/orders/${placed.orderNo.toString()}?placed=1`);
        return;
      }
      await renderOrderForm(req, res, {
        cart,
        query: action === 'search' ? str(body.q).trim().slice(0, 100) : '',
        review: action === 'review',
      });
    }),
  );

  // ---------------------------------------------------------- account and devices
  router.get(
    '/account',
    h(async (req, res) => {
      const s = session(res);
      const [credit, open, entries, devices, dealer] = await Promise.all([
        findDealerCreditView(deps.db, s.dealer_code),
        listOpenInvoices(deps.db, s.dealer_code, now()),
        listStatementEntries(deps.db, s.dealer_code, STATEMENT_SHOWN),
        listPortalDevices(deps.db, s.dealer_code),
        deps.db
          .selectFrom('dealers')
          .select('usual_order_reminder')
          .where('code', '=', s.dealer_code)
          .executeTakeFirstOrThrow(),
      ]);
      const t = textOf(req, res);
      const flash = req.query.revoked
        ? t.deviceSignedOut
        : req.query.reminders
          ? t.remindersSaved(req.query.reminders === 'on')
          : null;
      res.type('html').send(
        portalPage(
          frame(req, res, 'account', t.account, flash),
          accountBody(
            {
              csrf: s.csrf_token,
              credit,
              open,
              entries,
              devices,
              currentDeviceId: res.locals.portalDeviceId as string,
              reminders: dealer.usual_order_reminder,
            },
            t,
          ),
        ),
      );
    }),
  );

  router.get(
    '/account/statement.csv',
    h(async (_req, res) => {
      const s = session(res);
      const [entries, open] = await Promise.all([
        listStatementEntries(deps.db, s.dealer_code, STATEMENT_CSV_ENTRIES),
        listOpenInvoices(deps.db, s.dealer_code, now()),
      ]);
      res
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set(
          'Content-Disposition',
          `attachment; filename="statement-${s.dealer_code.replace(/[^\w.-]/g, '_')}.csv"`,
        )
        .send(statementCsv(entries, open));
    }),
  );

  router.post(
    '/reminders',
    h(async (req, res) => {
      const s = session(res);
      const on = str((req.body as Record<string, unknown>).on) === 'yes';
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('dealers')
          .set({ usual_order_reminder: on })
          .where('code', '=', s.dealer_code)
          .execute();
        await recordAuditEvents(trx, [
          {
            entityType: 'dealer',
            entityId: s.dealer_code,
            action: on ? 'usual_order_reminder_on' : 'usual_order_reminder_off',
            actor: `dealer:${s.dealer_code}`,
            reason: 'set on the portal',
          },
        ]);
      });
      res.redirect(303, `/portal/account?reminders=${on ? 'on' : 'off'}`);
    }),
  );

  const deviceIdSchema = z.string().regex(/^[0-9a-f]{64}$/);
  router.post(
    '/devices/:id/revoke',
    h(async (req, res) => {
      const s = session(res);
      const id = deviceIdSchema.safeParse(req.params.id);
      const done =
        id.success &&
        (await revokePortalDevice(deps.db, {
          dealerCode: s.dealer_code,
          deviceId: id.data,
          actor: `dealer:${s.dealer_code}`,
          now: now(),
        }));
      if (!done) throw new AppError('NOT_FOUND', textOf(req, res).noSuchDevice);
      if (id.data === res.locals.portalDeviceId) {
        res.clearCookie(PORTAL_COOKIE, { path: '/portal' });
        res.type('html').send(linkRefusedPage('signed_out', languageOf(req, res)));
        return;
      }
      res.redirect(303, '/portal/account?revoked=1');
    }),
  );

  router.post(
    '/logout',
    h(async (req, res) => {
      const s = session(res);
      await revokePortalDevice(deps.db, {
        dealerCode: s.dealer_code,
        deviceId: res.locals.portalDeviceId as string,
        actor: `dealer:${s.dealer_code}`,
        now: now(),
      });
      res.clearCookie(PORTAL_COOKIE, { path: '/portal' });
      res.type('html').send(linkRefusedPage('signed_out', languageOf(req, res)));
    }),
  );

  // ---------------------------------------------------------- errors as pages
  const onError: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const known = error instanceof AppError;
    const status = known
      ? ((
          {
            NOT_FOUND: 404,
            FORBIDDEN: 403,
            INVALID_INPUT: 400,
            UNAUTHORIZED: 401,
            CONFLICT: 409,
          } as const
        )[error.code as 'NOT_FOUND'] ?? 500)
      : 500;
    if (!known || status === 500) return next(error);
    const lang = languageOf(req, res);
    const t = portalText(lang);
    const body = html`<h1>${status === 404 ? t.notFound : t.sorry}</h1>
      <p class="warn" role="alert">${error.message}</p>
      <p><a href="/portal">${t.backToPortal}</a></p>`;
    const s = res.locals.portalSession as PortalSessionWithDealer | undefined;
    res
      .status(status)
      .type('html')
      .send(
        s
          ? portalPage(frame(req, res, 'home', t.sorry), body)
          : portalBarePage(t.sorry, body, lang),
      );
  };
  router.use(onError);
  return router;
}

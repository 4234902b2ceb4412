/**
 * Console sign-in state and request checks:
 *
 * - `loadSession`: the `od_session` cookie → a usable session (idle and
 *   absolute timeouts enforced in the same UPDATE that marks it used), else
 *   a redirect to the login page (pages) or 401 (the console's JSON API).
 * - `checkCsrf`: every state-changing request must come from this origin
 *   (Origin / Sec-Fetch-Site) AND carry the session's CSRF token (form field
 *   `_csrf` or header `X-CSRF-Token`), compared in constant time. Refusal: 403.
 * - `requirePermission`: the role decides, on the server, for every action.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { UserRole } from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import type { SessionWithUser } from '../../repositories/session.repository.js';
import { resumeSession } from '../../services/sessions.js';
import type { ConsoleDeps } from './console-deps.js';
import { can, type Permission } from './roles.js';

export const SESSION_COOKIE = 'od_session';
export const LOGIN_CSRF_COOKIE = 'od_login';

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  csrfToken: string;
}

export function currentUser(res: Response): ConsoleUser {
  const user = res.locals.consoleUser as ConsoleUser | undefined;
  if (!user) throw new AppError('UNAUTHORIZED', 'sign in first');
  return user;
}

export function cookieSecure(deps: Pick<ConsoleDeps, 'secureCookies'>, req: Request): boolean {
  const setting = deps.secureCookies ?? 'auto';
  return setting === 'auto' ? req.secure : setting;
}

export function loadSession(deps: ConsoleDeps): RequestHandler {
  const idle = deps.idleTimeoutMs ?? 30 * 60 * 1000;
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
    const session: SessionWithUser | undefined =
      token === undefined ? undefined : await resumeSession(deps.db, token, idle);
    if (!session) {
      if (token !== undefined) {
        res.clearCookie(SESSION_COOKIE, { path: '/console' });
      }
      if (req.method === 'GET' && !req.path.startsWith('/api/')) {
        const next = encodeURIComponent(req.originalUrl);
        const expired = token === undefined ? '' : '&expired=1';
        return res.redirect(303, `/console/login?next=${next}${expired}`);
      }
      return next(new AppError('UNAUTHORIZED', 'your session has ended: sign in again'));
    }
    res.locals.consoleUser = {
      id: session.user.id,
      email: session.user.email,
      name: session.user.name,
      role: session.user.role,
      csrfToken: session.csrf_token,
    } satisfies ConsoleUser;
    next();
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The origin this request was addressed to, as a browser would write it. */
export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

/** true when the browser says the request came from another site. */
export function isCrossSite(req: Request): boolean {
  const origin = req.get('origin');
  if (origin !== undefined && origin !== 'null' && origin !== ownOrigin(req)) return true;
  if (origin === 'null') return true;
  const site = req.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** CSRF: same origin and the session's token. `tokenRequired: false` keeps only the origin check. */
export function checkCsrf(options: { tokenRequired: boolean } = { tokenRequired: true }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (isCrossSite(req)) {
      return next(new AppError('FORBIDDEN', 'cross-site request refused'));
    }
    if (!options.tokenRequired) return next();
    const user = currentUser(res);
    const body = req.body as Record<string, unknown> | undefined;
    const sent =
      req.get('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (sent === undefined || !sameText(sent, user.csrfToken)) {
      return next(
        new AppError(
          'FORBIDDEN',
          'the form is out of date or was not sent from this console; reload the page and try again',
        ),
      );
    }
    next();
  };
}

export function requirePermission(permission: Permission): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const user = currentUser(res);
    if (!can(user.role, permission)) {
      return next(
        new AppError('FORBIDDEN', `your role (${user.role}) may not do this`, {
          details: { permission },
        }),
      );
    }
    next();
  };
}

/**
 * Bearer-token auth for /api: ORDERDESK_API_TOKEN is always accepted; so is
 * any unrevoked, unexpired token in `api_tokens` (stored as sha256 hashes).
 * The caller's role is kept on the request; `requireRole` guards the calls
 * that need one (invoices, payments and dispatches: finance, integration or
 * admin). The environment token is admin.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ApiTokenRole, DB } from '../db/schema.js';
import {
  findUsableApiToken,
  hashApiToken,
  touchApiToken,
} from '../repositories/api-token.repository.js';
import { sendError } from './error-mapper.js';

/** Who is calling, as res.locals.caller. */
export type Caller =
  | { kind: 'env-token'; role: 'admin' }
  | { kind: 'db-token'; tokenId: string; name: string; role: ApiTokenRole };

export interface BearerAuthInput {
  db: Kysely<DB>;
  /** null: only database tokens are accepted. */
  apiToken: string | null;
  logger: Logger;
}

const BEARER = /^Bearer[ ]+([^\s]+)\s*$/i;

export function bearerAuth(input: BearerAuthInput): RequestHandler {
  // Compare hashes, not tokens: equal lengths for timingSafeEqual, and the
  // configured token is never held next to attacker-controlled input.
  const envHash = input.apiToken === null ? null : Buffer.from(hashApiToken(input.apiToken), 'hex');

  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      return deny(res, 'missing Authorization header: send "Authorization: Bearer <token>"');
    }
    const match = BEARER.exec(header);
    if (match === null) {
      return deny(res, 'the Authorization header must be "Bearer <token>"');
    }
    const token = match[1] ?? '';
    const hash = hashApiToken(token);
    if (envHash !== null && timingSafeEqual(envHash, Buffer.from(hash, 'hex'))) {
      res.locals.caller = { kind: 'env-token', role: 'admin' } satisfies Caller;
      return next();
    }
    const stored = await findUsableApiToken(input.db, hash);
    if (stored === undefined) return deny(res, 'invalid, expired or revoked token');
    res.locals.caller = {
      kind: 'db-token',
      tokenId: stored.id,
      name: stored.name,
      role: stored.role,
    } satisfies Caller;
    // Bookkeeping only: a failed write must not fail the request.
    touchApiToken(input.db, stored.id).catch((error: unknown) =>
      input.logger.warn({ err: error }, 'could not record api token use'),
    );
    return next();
  };
}

function deny(res: Response, message: string): void {
  res.set('WWW-Authenticate', 'Bearer realm="orderdesk"');
  sendError(res, 401, 'UNAUTHORIZED', message);
}

/** 403 FORBIDDEN unless the caller (set by bearerAuth) has one of these roles. */
export function requireRole(...roles: readonly ApiTokenRole[]): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const caller = res.locals.caller as Caller | undefined;
    if (caller !== undefined && roles.includes(caller.role)) return next();
    sendError(
      res,
      403,
      'FORBIDDEN',
      `this call needs a token with the role ${roles.join(', ').replace(/, ([^,]*)$/, ' or $1')}` +
        (caller === undefined ? '' : `; this token's role is ${caller.role}`),
    );
  };
}

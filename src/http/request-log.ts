/**
 * One pino line per request when it finishes: method, path, status, time —
 * at `debug` when it succeeded (a web chat page polls every two seconds; at
 * `info` they buried the start-up banner), `info` for a 4xx, `warn` for a
 * 5xx. `LOG_LEVEL=debug` shows every request.
 * The Authorization header and bodies are never logged. A request id (the
 * caller's X-Request-Id when it looks sane, else a new uuid) is echoed back
 * and attached to every log line of the request through `res.locals.log`.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestLog(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    const id = incoming !== undefined && SANE_ID.test(incoming) ? incoming : randomUUID();
    res.set('X-Request-Id', id);
    const log = logger.child({ req_id: id });
    res.locals.log = log;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = {
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      };
      if (res.statusCode >= 500) log.warn(entry, 'request');
      else if (res.statusCode >= 400) log.info(entry, 'request');
      else log.debug(entry, 'request');
    });
    next();
  };
}

/** The request's logger (falls back to the given one outside requestLog). */
export function requestLogger(res: Response, fallback: Logger): Logger {
  const log: unknown = res.locals.log;
  return (log as Logger | undefined) ?? fallback;
}

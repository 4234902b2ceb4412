/**
 * The one place errors become HTTP answers: `{"error": {"code", "message"}}`
 * with the status matching the code (docs/http-api.md).
 *
 * - AppError: its code → status; its message is meant for the caller.
 * - zod errors: INVALID_INPUT 400, naming each field at fault.
 * - body-parser errors (bad JSON, body too large, bad charset): INVALID_INPUT
 *   with their own 4xx status (400, 413, 415).
 * - anything else: INTERNAL 500 with a generic message; the error and its
 *   stack go to the log only.
 */
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, type AppErrorCode } from '../domain/app-error.js';
import { requestLogger } from './request-log.js';

export const HTTP_STATUS_BY_CODE: Readonly<Record<AppErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};

export interface ErrorBody {
  error: { code: AppErrorCode; message: string };
}

export interface HttpError {
  status: number;
  body: ErrorBody;
}

export function sendError(
  res: Response,
  status: number,
  code: AppErrorCode,
  message: string,
): void {
  res.status(status).json({ error: { code, message } } satisfies ErrorBody);
}

/** An error raised by body-parser (http-errors): it carries a `type` and a 4xx `status`. */
interface BodyParserError {
  type: string;
  status: number;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    error instanceof Error &&
    typeof (error as Partial<BodyParserError>).type === 'string' &&
    typeof (error as Partial<BodyParserError>).status === 'number'
  );
}

function describeBodyError(error: BodyParserError): HttpError {
  const fail = (status: number, message: string): HttpError => ({
    status,
    body: { error: { code: 'INVALID_INPUT', message } },
  });
  switch (error.type) {
    case 'entity.too.large':
      return fail(
        413,
        `request body is too large (at most ${formatBytes(error.limit)}); send a smaller message or file`,
      );
    case 'entity.parse.failed':
      return fail(400, 'request body is not valid JSON');
    case 'encoding.unsupported':
      return fail(415, 'unsupported Content-Encoding; send the body uncompressed or gzip/deflate');
    case 'charset.unsupported':
      return fail(415, 'unsupported charset; send UTF-8');
    case 'request.aborted':
      return fail(400, 'the request was aborted before its body arrived');
    default:
      return fail(
        error.status >= 400 && error.status < 500 ? error.status : 400,
        'the request body could not be read',
      );
  }
}

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'the configured limit';
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

function describeZodError(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `${parts.join('; ')}${more}`;
}

/** 22021: character not in repertoire (NUL), 22P05: untranslatable character. */
const PG_BAD_TEXT = new Set(['22021', '22P05']);

function isPgError(error: unknown): error is { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** The HTTP answer for an error. Never exposes the message of an unknown error. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof AppError) {
    return {
      status: HTTP_STATUS_BY_CODE[error.code],
      body: {
        error: {
          code: error.code,
          message: error.code === 'INTERNAL' ? 'internal error' : error.message,
        },
      },
    };
  }
  if (error instanceof z.ZodError) {
    return {
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: describeZodError(error) } },
    };
  }
  if (isBodyParserError(error)) return describeBodyError(error);
  // PostgreSQL refusing a value as text (a NUL in a JSON string, an encoding it cannot store):
  // the caller's input, not our fault.
  if (isPgError(error) && PG_BAD_TEXT.has(error.code))
    return {
      status: 400,
      body: {
        error: {
          code: 'INVALID_INPUT',
          message: 'a value holds a NUL or a character that cannot be stored',
        },
      },
    };
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

/** The app's last middleware. */
export function errorMapper(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    const http = toHttpError(error);
    const log = requestLogger(res, logger);
    if (http.status >= 500) log.error({ err: error }, 'request failed');
    else
      log.debug(
        { code: http.body.error.code, message: http.body.error.message },
        'request rejected',
      );
    // Headers already on the wire: let Express close the connection.
    if (res.headersSent) return next(error);
    res.status(http.status).json(http.body);
  };
}

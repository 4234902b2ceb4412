/**
 * One guard for what no route can use: a path or query string with a NUL byte (`%00`), a control
 * character or a broken percent-encoding is a 400 before any route or database sees it.
 * (Message text in a body is not refused here: the pipeline stores such text flagged and answers.)
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../domain/app-error.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function inputGuard(req: Request, _res: Response, next: NextFunction): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.originalUrl);
  } catch {
    return next(new AppError('INVALID_INPUT', 'the address has a broken %-encoding'));
  }
  if (CONTROL.test(decoded))
    return next(new AppError('INVALID_INPUT', 'the address holds a NUL or control character'));
  next();
}

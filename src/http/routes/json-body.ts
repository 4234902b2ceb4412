import type { Request } from 'express';
import { AppError } from '../../domain/app-error.js';

/** The parsed JSON body, or INVALID_INPUT naming the expected shape when none was sent. */
export function requireJsonBody(req: Request, example: string): unknown {
  if (!req.is('application/json') || req.body === undefined) {
    throw new AppError(
      'INVALID_INPUT',
      `send a JSON body (Content-Type: application/json) like ${example}`,
    );
  }
  return req.body;
}

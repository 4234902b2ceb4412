/**
 * Small helpers the server-rendered pages (console, portal) share: typed
 * async handlers, and form or query values read as plain strings.
 */
import type { NextFunction, Request, Response } from 'express';

type Handler = (req: Request, res: Response) => Promise<void> | void;

/** Express 5 passes rejected promises on; this keeps handlers typed. */
export const h = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => {
  Promise.resolve(fn(req, res)).catch(next);
};

/** A form or query value as one string ('' when absent; the first of repeated values). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '';
}

/** A repeated form value as a list of strings. */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : ''));
  return typeof value === 'string' ? [value] : [];
}

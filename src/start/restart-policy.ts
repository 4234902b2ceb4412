/**
 * When the supervisor of `npm start` restarts a child that died
 * (docs/operations.md "Supervision"). Pure: the supervisor feeds it what
 * happened and sleeps for what it answers.
 *
 * - A child that fails before it was ever ready (bad configuration, the
 *   database unreachable at the very first start) is not restarted: the
 *   person starting it reads the error and the exit code.
 * - A child that was ready once and then died is restarted, however often:
 *   a PostgreSQL outage must not leave the service down when it ends. The
 *   wait doubles from 0.5 s up to 30 s while crashes follow each other, and
 *   starts over after a child stayed up for a minute.
 * - A clean exit (0) or a usage error (2) ends the supervisor with that code.
 */
export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;
/** A child that stayed up this long is healthy again; the next crash waits FIRST_DELAY_MS. */
export const HEALTHY_AFTER_MS = 60_000;

export interface ChildExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** Whether this child or any earlier one reported ready. */
  everReady: boolean;
  /** How long this child ran. */
  uptimeMs: number;
  /** Whether the supervisor itself is stopping (it forwarded SIGTERM/SIGINT). */
  stopping: boolean;
}

export type RestartDecision =
  { action: 'exit'; code: number } | { action: 'restart'; delayMs: number; streak: number };

/** `streak`: consecutive crashes so far, without a healthy minute in between. */
export function decideRestart(exit: ChildExit, streak: number): RestartDecision {
  if (exit.stopping) return { action: 'exit', code: exit.code ?? 1 };
  if (exit.code === 0 || exit.code === 2) return { action: 'exit', code: exit.code };
  if (!exit.everReady) return { action: 'exit', code: exit.code ?? 1 };
  const next = exit.uptimeMs >= HEALTHY_AFTER_MS ? 1 : streak + 1;
  const delayMs = Math.min(FIRST_DELAY_MS * 2 ** (next - 1), MAX_DELAY_MS);
  return { action: 'restart', delayMs, streak: next };
}

/**
 * The supervisor `npm start` runs by default: it forks the service as a
 * child process (same script, same flags) and restarts it when it dies
 * after it was ready, following decideRestart. SIGTERM and SIGINT are
 * forwarded once; the supervisor exits with the child's code. The child
 * runs in its own process group (a terminal's Ctrl+C reaches it only
 * through the supervisor, so it sees one signal, not two) and stops by
 * itself when the supervisor disappears (the IPC channel closes).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { decideRestart } from './restart-policy.js';

/** Set in the child's environment; a process that sees it runs the service itself. */
export const SUPERVISED_ENV = 'ORDERDESK_SUPERVISED';
export const READY_MESSAGE = 'orderdesk:ready';

export interface SupervisorOptions {
  script: string;
  argv: readonly string[];
  log: (line: string) => void;
}

export function superviseService(options: SupervisorOptions): Promise<number> {
  return new Promise((resolve) => {
    let child: ChildProcess | null = null;
    let stopping = false;
    let everReady = false;
    let streak = 0;
    let restartTimer: NodeJS.Timeout | null = null;

    const start = () => {
      const startedAt = Date.now();
      const current = fork(options.script, [...options.argv], {
        env: { ...process.env, [SUPERVISED_ENV]: '1' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        detached: true,
      });
      child = current;
      current.on('message', (message) => {
        if (message === READY_MESSAGE) everReady = true;
      });
      current.on('exit', (code, signal) => {
        child = null;
        const decision = decideRestart(
          { code, everReady, uptimeMs: Date.now() - startedAt, stopping },
          streak,
        );
        if (decision.action === 'exit') {
          resolve(decision.code);
          return;
        }
        streak = decision.streak;
        options.log(
          `supervisor: the service (pid ${current.pid}) stopped (${signal ?? `exit ${code}`}); restarting in ${decision.delayMs} ms`,
        );
        restartTimer = setTimeout(() => {
          restartTimer = null;
          if (stopping) resolve(1);
          else start();
        }, decision.delayMs);
      });
    };

    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second signal: the child gets it too (it exits without waiting).
        child?.kill(signal);
        return;
      }
      stopping = true;
      if (restartTimer !== null) {
        clearTimeout(restartTimer);
        resolve(0);
        return;
      }
      child?.kill(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    start();
  });
}

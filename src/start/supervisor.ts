/**
 * The supervisor `npm start` runs by default: it forks the service as a
 * child process (same script, same flags, plus the heap caps below unless
 * given) and restarts it when it dies
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

/**
 * Heap caps for the service. V8 sizes its heap from the machine's memory and grows it lazily:
 * under `npm run bench` the service's RSS climbed steadily to 460-530 MB although it ran as well
 * with a 192 MB old space. With these caps it peaked at 336 MB, for about 5% more CPU in the
 * garbage collector. A flag of the same name in the node flags or NODE_OPTIONS wins (raise the
 * old space for a catalog far beyond 20,000 SKUs).
 */
export const SERVICE_HEAP_FLAGS: readonly string[] = [
  '--max-old-space-size=256',
  '--max-semi-space-size=4',
];

/** `defaults` whose flag name is not set already in `execArgv` or `nodeOptions`. */
export function withDefaultFlags(
  execArgv: readonly string[],
  nodeOptions: string,
  defaults: readonly string[] = SERVICE_HEAP_FLAGS,
): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map((flag) => flag.split('=')[0]);
  return [...execArgv, ...defaults.filter((flag) => !given.includes(flag.split('=')[0]))];
}

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
        execArgv: withDefaultFlags(process.execArgv, process.env['NODE_OPTIONS'] ?? ''),
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

/**
 * The service as `npm run chaos` runs and breaks it: as a user runs it —
 * `npm start`'s supervisor with one API or worker child each — so a killed
 * child is restarted the way production's is.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`chaos: timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One `npm start` (its supervisor) and the service child it keeps running. */
export class SupervisedService {
  private out = '';
  private err = '';
  readonly process: ChildProcess;

  constructor(
    readonly name: string,
    args: readonly string[],
    env: Record<string, string>,
    /** node flags (e.g. --cpu-prof, not allowed in NODE_OPTIONS); the supervisor's child inherits them. */
    nodeFlags: readonly string[] = [],
  ) {
    this.process = spawn(
      process.execPath,
      [...nodeFlags, '--import', 'tsx', 'src/main.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.process.stdout!.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
    this.process.stderr!.on('data', (chunk: Buffer) => (this.err += chunk.toString()));
  }

  async ready(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    await until(
      () => {
        if (this.process.exitCode !== null) {
          throw new Error(`chaos: ${this.name} exited (${this.process.exitCode}):\n${this.err}`);
        }
        return pattern.test(this.out);
      },
      `${this.name} to start`,
      timeoutMs,
    );
  }

  /** The service child's pid, when one is running (between a crash and its restart there is none). */
  childPid(): number | undefined {
    const pid = this.process.pid;
    const file = `/proc/${pid}/task/${pid}/children`;
    if (pid === undefined || !existsSync(file)) return undefined;
    const first = readFileSync(file, 'utf8').trim().split(/\s+/)[0];
    return first === undefined || first === '' ? undefined : Number(first);
  }

  async waitForChild(timeoutMs = 60_000): Promise<number> {
    let pid: number | undefined;
    await until(() => (pid = this.childPid()) !== undefined, `${this.name}'s child`, timeoutMs);
    return pid!;
  }

  /** kill -9 of the service child (not the supervisor); false when none was running. */
  killChild(): boolean {
    const pid = this.childPid();
    if (pid === undefined) return false;
    process.kill(pid, 'SIGKILL');
    return true;
  }

  restarts(): number {
    return (this.err.match(/^supervisor: .* restarting in/gm) ?? []).length;
  }

  alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  stderr(): string {
    return this.err;
  }

  stdout(): string {
    return this.out;
  }

  async stop(): Promise<void> {
    if (!this.alive()) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

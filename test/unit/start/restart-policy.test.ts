import { describe, expect, it } from 'vitest';
import {
  decideRestart,
  HEALTHY_AFTER_MS,
  MAX_DELAY_MS,
} from '../../../src/start/restart-policy.js';
import { parseStartArgs } from '../../../src/start/parse-start-args.js';

const crash = { code: null, everReady: true, uptimeMs: 1_000, stopping: false };

describe('decideRestart', () => {
  it('restarts a child killed after it was ready, waiting 0.5 s first', () => {
    expect(decideRestart(crash, 0)).toEqual({ action: 'restart', delayMs: 500, streak: 1 });
  });

  it('doubles the wait while crashes follow each other, up to 30 s', () => {
    const delays: number[] = [];
    let streak = 0;
    for (let i = 0; i < 10; i += 1) {
      const d = decideRestart({ ...crash, code: 1 }, streak);
      if (d.action !== 'restart') throw new Error('expected a restart');
      delays.push(d.delayMs);
      streak = d.streak;
    }
    expect(delays.slice(0, 5)).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
    expect(Math.max(...delays)).toBe(MAX_DELAY_MS);
  });

  it('starts the wait over after a child stayed up a minute', () => {
    expect(decideRestart({ ...crash, uptimeMs: HEALTHY_AFTER_MS }, 7)).toEqual({
      action: 'restart',
      delayMs: 500,
      streak: 1,
    });
  });

  it('does not restart a first start that failed, a clean exit, a usage error or a stop it was asked for', () => {
    expect(decideRestart({ ...crash, code: 1, everReady: false }, 0)).toEqual({
      action: 'exit',
      code: 1,
    });
    expect(decideRestart({ ...crash, code: 0 }, 0)).toEqual({ action: 'exit', code: 0 });
    expect(decideRestart({ ...crash, code: 2 }, 0)).toEqual({ action: 'exit', code: 2 });
    expect(decideRestart({ ...crash, code: 0, stopping: true }, 3)).toEqual({
      action: 'exit',
      code: 0,
    });
  });
});

describe('npm start flags', () => {
  it('--no-supervise is a flag of its own, off by default', () => {
    const plain = parseStartArgs([]);
    const off = parseStartArgs(['--role', 'worker', '--no-supervise']);
    expect(plain.ok && plain.args.noSupervise).toBe(false);
    expect(off.ok && off.args).toMatchObject({ role: 'worker', noSupervise: true });
  });
});

/**
 * Runs a CLI command in-process through the real dispatcher, with captured
 * stdout/stderr and an environment given by the test (never process.env).
 */
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliInProcess(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  const code = await runCli(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    log: pino({ level: 'silent' }),
    config: loadConfig(env),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

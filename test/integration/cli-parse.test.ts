/**
 * Runs the real `parse` command in a child process, as a user would, and
 * checks the contract of docs/parse-cli.md: one JSON object per
 * non-blank input line, in order, nothing else on stdout, error lines for bad
 * input, exit 2 with the problems on stderr for bad master data. The parser's
 * judgement (intent, lines) is not asserted here: only the output's shape.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => `test/fixtures/master-data/${name}`;

const draftSchema = z.strictObject({
  id: z.string(),
  intent: z.enum(['order', 'order_status', 'balance', 'cancel', 'other']),
  orders: z.array(
    z.object({
      dealer: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string(), qty: z.number().positive() })),
    }),
  ),
  confidence: z.number().min(0).max(1),
  needs_review: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
});
const errorSchema = z.strictObject({
  id: z.union([z.string(), z.number(), z.null()]),
  error: z.string().min(1),
});
const answerSchema = z.union([draftSchema, errorSchema]);

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const goodFiles = [
  '--catalog',
  fixture('catalog.csv'),
  '--dealers',
  fixture('dealers.csv'),
  '--reps',
  fixture('reps.csv'),
];

const request = (id: string, fields: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id,
    channel: 'whatsapp',
    from: '+919812345678',
    text: '2 rolls voltex 1.5 red wire, 1 box 32 amp mcb',
    ...fields,
  });

describe('cli parse over a mixed JSONL input', () => {
  const input = [
    request('m1'),
    '',
    'this is not json',
    request('m2', {
      channel: 'email',
      from: 'Orders@SharmaElec.in',
      subject: 'Order',
      text: 'Pls send 48 pcs 9w bulb\n\n-- \nRamesh',
    }),
    JSON.stringify({ id: 'm3', channel: 'whatsapp', from: '+919812345678' }),
    '   ',
    request('m4', {
      channel: 'transcript',
      from: '+919822001122',
      text: 'this is gupta power house, ten boxes of 6a switch',
    }),
    '{"id": "m5", "channel": "whatsapp", "text": "unterminated',
  ].join('\n');
  let run: CliRun;
  let answers: unknown[];

  beforeAll(async () => {
    run = await runCli(['parse', ...goodFiles], `${input}\n`);
    answers = run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as unknown);
  });

  it('exits 0', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('writes one line per non-blank input line', () => {
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(run.stdout.split('\n').filter((line) => line !== '')).toHaveLength(6);
  });

  it('writes only contract-shaped JSON objects on stdout', () => {
    for (const answer of answers) expect(answerSchema.safeParse(answer).error).toBeUndefined();
  });

  it('keeps the input order', () => {
    expect(answers.map((answer) => (answer as { id: unknown }).id)).toEqual([
      'm1',
      null,
      'm2',
      'm3',
      'm4',
      'm5',
    ]);
  });

  it('answers valid requests with drafts', () => {
    for (const index of [0, 2, 4]) expect(draftSchema.safeParse(answers[index]).success).toBe(true);
  });

  it('answers a line that is not JSON with an error and a null id', () => {
    expect(answers[1]).toEqual({ id: null, error: expect.stringMatching(/^invalid JSON/) });
  });

  it('answers a request without text with an error naming the field', () => {
    expect(answers[3]).toEqual({ id: 'm3', error: 'invalid request: missing field "text"' });
  });

  it('recovers the id of a broken JSON line when it can', () => {
    expect(answers[5]).toEqual({ id: 'm5', error: expect.stringMatching(/^invalid JSON/) });
  });
});

describe('cli parse over a large input', () => {
  // Over 1 MB of answers: far past a pipe's buffer, so the run must wait for drain and flush at exit.
  it('answers every line of 5,000 before exiting', { timeout: 120_000 }, async () => {
    const count = 5_000;
    const lines = Array.from({ length: count }, (_, i) => request(`big-${i}`));
    const run = await runCli(['parse', ...goodFiles], `${lines.join('\n')}\n`);
    const ids = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(run.code).toBe(0);
    expect(ids).toHaveLength(count);
    expect(ids.at(-1)).toBe(`big-${count - 1}`);
  });
});

describe('cli parse with bad master data', () => {
  let run: CliRun;

  beforeAll(async () => {
    run = await runCli(
      ['parse', '--catalog', fixture('catalog-broken.csv'), '--dealers', fixture('dealers.csv')],
      `${request('m1')}\n`,
    );
  });

  it('exits 2', () => {
    expect(run.code).toBe(2);
  });

  it('writes nothing on stdout', () => {
    expect(run.stdout).toBe('');
  });

  it('lists every problem with file, line, column and value on stderr', () => {
    expect(run.stderr).toContain(
      'catalog-broken.csv:3 [price] "12.345": has more than 2 decimal places',
    );
    expect(run.stderr).toContain('catalog-broken.csv:4 [pack_size] "0"');
    expect(run.stderr).toContain('catalog-broken.csv:5 [sku] "vx-wire-1.5-rd": duplicate sku');
    expect(run.stderr).toContain('catalog-broken.csv:6 [name] "": is required');
    expect(run.stderr).toContain('catalog-broken.csv:7');
  });

  it('shows no stack trace', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('cli usage errors', () => {
  it('exits 2 with the usage on stderr when --dealers is missing', async () => {
    const run = await runCli(['parse', '--catalog', fixture('catalog.csv')]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('missing --dealers');
    expect(run.stderr).toContain('usage: cli parse');
  });

  it('exits 2 on an unknown flag', async () => {
    const run = await runCli(['parse', ...goodFiles, '--colour', 'red']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
  });

  it('exits 2 on an unknown region', async () => {
    const run = await runCli(['parse', ...goodFiles, '--region', 'ZZ']);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('unknown region "ZZ"'),
    });
  });

  it('exits 2 with the command list on an unknown command', async () => {
    const run = await runCli(['frobnicate']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/unknown command "frobnicate"[\s\S]*parse/);
  });
});

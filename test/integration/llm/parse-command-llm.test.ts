/**
 * The `parse` command with and without an OpenAI-compatible endpoint configured,
 * run in-process through the real dispatcher and config loader: with
 * OPENAI_BASE_URL every line is still answered once, in input order, with
 * nothing else on stdout; without it no request is ever made.
 */
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { runCli } from '../../../src/cli/run-cli.js';
import {
  proposalJson,
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from './fake-openai-server.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/parser/${name}`, import.meta.url));
const ARGS = [
  'parse',
  '--catalog',
  fixture('paints-catalog.csv'),
  '--dealers',
  fixture('paints-dealers.csv'),
];
const VERMA = '+919811100001';

const request = (id: string, text: string) =>
  JSON.stringify({ id, channel: 'whatsapp', from: VERMA, text });

/** Ten hard messages (each asks the model), settled ones, a bad line and a blank one. */
const INPUT = [
  ...Array.from({ length: 10 }, (_, i) => request(`hard-${i}`, `apex white ${i + 1} bucket`)),
  request('easy', 'tractor white 10L 6 bucket'),
  '{"id": "broken", "text": ',
  '',
  request('balance', 'what is my balance?'),
  request('pipe', 'supreme pipe 40 length'),
].join('\n');
const EXPECTED_IDS = [
  ...Array.from({ length: 10 }, (_, i) => `hard-${i}`),
  'easy',
  'broken',
  'balance',
  'pipe',
];

interface Answer {
  id: string;
  orders?: { dealer: string | null; lines: { sku: string; qty: number; guess?: true }[] }[];
  needs_review?: boolean;
  reasons?: { code: string }[];
  error?: string;
}

async function runParse(env: Record<string, string>, extraArgs: string[] = []) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stdin.end(INPUT + '\n');
  const code = await runCli([...ARGS, ...extraArgs], {
    stdin,
    stdout,
    stderr: new PassThrough(),
    log: pino({ level: 'silent' }),
    config: loadConfig(env),
  });
  const text = out.join('');
  return {
    code,
    text,
    answers: text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Answer),
  };
}

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** Answers each hard message with the 20L SKU; earlier requests answer later, to shuffle completion order. */
function answerApexWith20L() {
  server.handle((body, index) => {
    const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
    const mention = /"mention": "(apex white \d+ bucket|supreme pipe 40 length)"/.exec(user)?.[1];
    const qty = Number(/(\d+)/.exec(mention ?? '')?.[1]);
    const sku = mention?.startsWith('supreme') ? 'PIP-SUP-20' : 'PNT-APX-W20';
    const unit = mention?.startsWith('supreme') ? 'length' : 'bucket';
    return {
      content: proposalJson(mention ? [{ mention, sku, qty, unit }] : []),
      delayMs: Math.max(5, 120 - index * 10),
    };
  });
}

describe('parse with OPENAI_BASE_URL set', () => {
  const env = () => ({
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_MODEL: 'local-model',
    OPENAI_API_KEY: 'anything',
  });

  it('answers every non-blank line once, in input order, with only JSON lines on stdout', async () => {
    answerApexWith20L();
    const { code, text, answers } = await runParse(env());

    expect(code).toBe(0);
    expect(text.endsWith('\n')).toBe(true);
    expect(answers.map((a) => a.id)).toEqual(EXPECTED_IDS);
    expect(answers.find((a) => a.id === 'broken')?.error).toMatch(/invalid JSON/);
    // Only the hard messages reached the model.
    expect(server.requests).toHaveLength(11);
    expect(server.requests.every((r) => r.body.model === 'local-model')).toBe(true);
  });

  it('applies the suggestions, converted to sales units, and keeps every one in review', async () => {
    answerApexWith20L();
    const { answers } = await runParse(env());

    answers
      .filter((a) => a.id.startsWith('hard-'))
      .forEach((a, i) => {
        expect(a.orders).toEqual([
          {
            dealer: 'H01',
            lines: [{ sku: 'PNT-APX-W20', qty: i + 1, source: `apex white ${i + 1} bucket` }],
          },
        ]);
        expect(a.needs_review).toBe(true);
        expect(a.reasons?.map((r) => r.code)).toContain('llm_suggested');
      });
    const pipe = answers.find((a) => a.id === 'pipe')!;
    expect(pipe.orders?.[0]?.lines.map((l) => [l.sku, l.qty])).toEqual([['PIP-SUP-20', 4]]);
    expect(answers.find((a) => a.id === 'easy')?.needs_review).toBe(false);
  });

  it('keeps only a few requests in flight at once', async () => {
    answerApexWith20L();
    await runParse(env());
    expect(server.maxInFlight).toBeGreaterThan(1);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('gives the rules answers when the endpoint fails', async () => {
    server.handle(() => ({ status: 400 }));
    const failing = await runParse(env());
    const rules = await runParse({});
    expect(failing.code).toBe(0);
    expect(failing.text).toBe(rules.text);
  });

  it('asks nothing with --rules-only', async () => {
    answerApexWith20L();
    const { answers } = await runParse(env(), ['--rules-only']);
    expect(answers.map((a) => a.id)).toEqual(EXPECTED_IDS);
    expect(server.requests).toHaveLength(0);
  });
});

describe('parse without OPENAI_BASE_URL', () => {
  it('makes no request at all and leaves the hard drafts to review', async () => {
    answerApexWith20L();
    const { code, answers } = await runParse({
      OPENAI_MODEL: 'local-model',
      OPENAI_API_KEY: 'anything',
    });

    expect(code).toBe(0);
    expect(answers.map((a) => a.id)).toEqual(EXPECTED_IDS);
    expect(server.requests).toHaveLength(0);
    const hard = answers.filter((a) => a.id.startsWith('hard-'));
    // The rules' drafts: in review, holding at most their own guesses beside the doubts.
    expect(hard.every((a) => a.needs_review === true)).toBe(true);
    const lines = hard.flatMap((a) => (a.orders ?? []).flatMap((o) => o.lines));
    expect(lines.every((l) => l.guess === true)).toBe(true);
    expect(hard.flatMap((a) => a.reasons ?? []).some((r) => r.code === 'llm_suggested')).toBe(
      false,
    );
  });
});

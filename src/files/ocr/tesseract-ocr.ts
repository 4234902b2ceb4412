/**
 * The OCR engine on Debian's Tesseract (`tesseract-ocr`, with `-eng` and `-hin` data): the image
 * goes in on stdin, TSV comes out on stdout (one row per word with its box and confidence).
 */
import { spawn } from 'node:child_process';
import type { OcrEngine, OcrResult, OcrWord } from './ocr-engine.js';

export interface TesseractOptions {
  /** The executable. Default `tesseract`. */
  command?: string;
  /** Tesseract's languages. Default `eng+hin`. */
  languages?: string;
  /** Page segmentation mode; 6 (one block of text) suits order slips and lists. Default 6. */
  pageMode?: number;
  /** Default 60 s. */
  timeoutMs?: number;
}

export function tesseractOcr(options: TesseractOptions = {}): OcrEngine {
  const command = options.command ?? 'tesseract';
  const languages = options.languages ?? 'eng+hin';
  const args = ['stdin', 'stdout', '-l', languages, '--psm', String(options.pageMode ?? 6), 'tsv'];
  return {
    async recognise(image) {
      const tsv = await run(command, args, image, options.timeoutMs ?? 60_000);
      return { ...readTsv(tsv), engine: `tesseract ${languages}` };
    },
  };
}

function run(command: string, args: string[], input: Buffer, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new Error(
            `${command} exited with ${code ?? signal}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 300)}`,
          ),
        );
    });
    // an engine that dies early closes stdin: its exit code tells why, not EPIPE
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Tesseract's TSV → words and lines. Level 1 is the page (its size); level 5 rows are words. */
export function readTsv(tsv: string): Omit<OcrResult, 'engine'> {
  let width = 0;
  let height = 0;
  const words: OcrWord[] = [];
  const lineKeys: string[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const c = row.split('\t');
    if (c.length < 12) continue;
    const [level, , block, par, line, , left, top, w, h, conf] = c.map(Number) as number[];
    if (level === 1) {
      width = w!;
      height = h!;
      continue;
    }
    const text = c[11]!.trim();
    if (level !== 5 || text === '') continue;
    const key = `${block}.${par}.${line}`;
    let index = lineKeys.indexOf(key);
    if (index < 0) index = lineKeys.push(key) - 1;
    words.push({
      text,
      confidence: Math.max(0, Math.min(100, conf!)),
      box: { x: left!, y: top!, width: w!, height: h! },
      line: index,
    });
  }
  const text = lineKeys
    .map((_, i) =>
      words
        .filter((w) => w.line === i)
        .map((w) => w.text)
        .join(' '),
    )
    .join('\n');
  return { text, words, width, height };
}

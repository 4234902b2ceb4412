/**
 * `npm run eval:ocr`: how well photographed order slips become drafts. A benchmark, not a test:
 * it asserts nothing. Slips are drawn here from the demo catalog (examples/), seeded: each lists
 * 2-5 products as "<qty> <unit> <product name>", is "photographed" at one of three noise levels
 * (test/support/slip-images.ts: grain, specks, shading, blur, JPEG, a turn of up to ±4°) and
 * goes through the service's own path: image clean-up and Tesseract (src/files/ocr/), the lines
 * under the sheet marker, the parser, the review policy and the OCR confidence gate
 * (parsers/review/recognition-doubts.ts).
 *
 * Per noise level: line accuracy (the share of the slip's lines, product and quantity, found in
 * the draft), exact drafts, straight-through drafts, and straight-through drafts that are wrong
 * (the number that must stay 0). The parser alone on the slip's text (no OCR) is the baseline.
 * Progress and a table go to stderr; the LAST line on stdout is one JSON object.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  compileCatalog,
  compileDirectory,
  parseMessage,
  withRecognitionConfidence,
  type CatalogItem,
  type ParseResult,
} from '../../parsers/index.js';
import { SHEET_MARKER } from '../../parsers/clean/sheet-marker.js';
import { prepareImage } from '../../src/files/ocr/prepare-image.js';
import { tesseractOcr } from '../../src/files/ocr/tesseract-ocr.js';
import {
  parseCatalogCsv,
  parseDealersCsv,
  toCatalogItem,
  toDealerEntry,
} from '../../src/master-data/index.js';
import { renderSlip, seeded, type NoiseLevel } from '../support/slip-images.js';

const SLIPS_PER_LEVEL = Number(process.env['OCR_EVAL_SLIPS'] ?? 12);
const LEVELS: NoiseLevel[] = ['light', 'medium', 'heavy'];
const MIN_CONFIDENCE = Number(process.env['ORDERDESK_OCR_MIN_CONFIDENCE'] ?? 80);
const LANGUAGES = process.env['ORDERDESK_OCR_LANGUAGES'] ?? 'eng+hin';

const log = (text: string): void => void process.stderr.write(`${text}\n`);
const example = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)), 'utf8');
function unwrap<T>(result: { ok: true; value: T } | { ok: false; problems: unknown[] }): T {
  if (!result.ok) throw new Error(`examples do not load: ${JSON.stringify(result.problems)}`);
  return result.value;
}

const items = unwrap(parseCatalogCsv(example('catalog.csv'), 'catalog.csv')).map(toCatalogItem);
const dealers = unwrap(parseDealersCsv(example('dealers.csv'), 'dealers.csv')).map(toDealerEntry);
const catalog = compileCatalog(items);
const directory = compileDirectory({ dealers, reps: [] });
const dealer = dealers.find((d) => d.phones.length > 0)!;
const ocr = tesseractOcr({
  command: process.env['TESSERACT_PATH'] ?? 'tesseract',
  languages: LANGUAGES,
});

interface Slip {
  lines: { text: string; sku: string; qty: number }[];
}

function makeSlips(seed: number): Slip[] {
  const random = seeded(seed);
  return Array.from({ length: SLIPS_PER_LEVEL }, () => {
    const count = 2 + Math.floor(random() * 4);
    const chosen = new Map<string, CatalogItem>();
    while (chosen.size < count) {
      const item = items[Math.floor(random() * items.length)]!;
      chosen.set(item.sku, item);
    }
    return {
      lines: [...chosen.values()].map((item) => {
        const qty = 1 + Math.floor(random() * 20);
        return { text: `${qty} ${item.unit} ${item.name}`, sku: item.sku, qty };
      }),
    };
  });
}

function parse(text: string): ParseResult {
  return parseMessage({
    catalog,
    directory,
    message: { id: 'ocr-eval', channel: 'whatsapp', from: dealer.phones[0]!, text },
  });
}

/** Lines of the slip the draft has (same product, same quantity). */
function score(slip: Slip, result: ParseResult): { found: number; exact: boolean } {
  const drafted = result.orders.flatMap((o) => o.lines.map((l) => `${l.sku}×${l.qty}`));
  const wanted = slip.lines.map((l) => `${l.sku}×${l.qty}`);
  const found = wanted.filter((w) => drafted.includes(w)).length;
  return { found, exact: found === wanted.length && drafted.length === wanted.length };
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((1000 * n) / of) / 10);

async function main(): Promise<void> {
  const report: Record<string, unknown>[] = [];
  log(
    `eval:ocr: ${SLIPS_PER_LEVEL} slips per level, tesseract ${LANGUAGES}, confidence bar ${MIN_CONFIDENCE}`,
  );
  for (const [index, level] of LEVELS.entries()) {
    const slips = makeSlips(1000 + index);
    const random = seeded(77 + index);
    let lines = 0;
    let baselineFound = 0;
    let found = 0;
    let exact = 0;
    let through = 0;
    let wrongThrough = 0;
    let ms = 0;
    for (const [n, slip] of slips.entries()) {
      const text = slip.lines.map((l) => l.text).join('\n');
      lines += slip.lines.length;
      baselineFound += score(slip, parse(`${SHEET_MARKER}\n${text}`)).found;
      const photo = await renderSlip({
        lines: slip.lines.map((l) => l.text),
        noise: level,
        rotate: Math.round((random() * 8 - 4) * 10) / 10,
        seed: 500 + n,
      });
      const started = Date.now();
      const prepared = await prepareImage(photo);
      const read = await ocr.recognise(prepared.png);
      ms += Date.now() - started;
      const unsure = read.words.filter((w) => w.confidence < MIN_CONFIDENCE).map((w) => w.text);
      const result = withRecognitionConfidence(parse(`${SHEET_MARKER}\n${read.text}`), unsure);
      const s = score(slip, result);
      found += s.found;
      if (s.exact) exact++;
      if (!result.needs_review) {
        through++;
        if (!s.exact) wrongThrough++;
      }
      log(
        `  ${level} ${n + 1}/${slips.length}: ${s.found}/${slip.lines.length} lines${result.needs_review ? '' : ' (straight through)'}`,
      );
    }
    report.push({
      noise: level,
      slips: slips.length,
      lines,
      baseline_line_accuracy_pct: pct(baselineFound, lines),
      line_accuracy_pct: pct(found, lines),
      exact_drafts_pct: pct(exact, slips.length),
      straight_through_pct: pct(through, slips.length),
      wrong_straight_through: wrongThrough,
      ocr_ms_per_slip: Math.round(ms / slips.length),
    });
  }
  log('');
  log(
    '| noise | slips | lines | parser alone (no OCR) | line accuracy | exact drafts | straight through | wrong straight through | ms per slip |',
  );
  log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of report) {
    log(
      `| ${String(r.noise)} | ${String(r.slips)} | ${String(r.lines)} | ${String(r.baseline_line_accuracy_pct)}% | ${String(r.line_accuracy_pct)}% | ${String(r.exact_drafts_pct)}% | ${String(r.straight_through_pct)}% | ${String(r.wrong_straight_through)} | ${String(r.ocr_ms_per_slip)} |`,
    );
  }
  process.stdout.write(
    `${JSON.stringify({ languages: LANGUAGES, min_confidence: MIN_CONFIDENCE, levels: report })}\n`,
  );
}

await main();

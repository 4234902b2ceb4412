/**
 * `npm run bench:parse`: how fast the parser indexes a 20,000-SKU catalog and
 * how many messages a second it parses on one core. A benchmark, not a test:
 * it asserts nothing about the drafts. Progress goes to stderr; the LAST line
 * on stdout is one JSON object (index_build_ms, messages_per_s, skus,
 * messages, heap_mb, ...) for scripts to compare runs.
 *
 * Everything is synthetic and seeded, so two runs see the same data.
 */
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  compileCatalog,
  compileDirectory,
  parseMessage,
  type ParseRequest,
} from '../../parsers/index.js';
import {
  parseCatalogCsv,
  toCatalogItem,
  toDealerEntry,
  toRepEntry,
} from '../../src/master-data/index.js';
import { catalogCsv, generateCatalog } from './synthetic/synthetic-catalog.js';
import { generateDirectory } from './synthetic/synthetic-dealers.js';
import { generateMessages } from './synthetic/synthetic-messages.js';

const SKUS = 20_000;
const DEALERS = 400;
const REPS = 20;
const MESSAGES = 3_000;
const WARMUP_MESSAGES = 500;
/** Keep parsing (whole passes) until at least this long has been measured. */
const MIN_MEASURE_MS = 3_000;

// The script runs under plain `tsx`, without --expose-gc; turn it on from inside.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const log = (text: string): void => void process.stderr.write(`${text}\n`);
const heapMb = (): number => {
  gc();
  return round(process.memoryUsage().heapUsed / 2 ** 20, 1);
};
const round = (value: number, places = 0): number => Number(value.toFixed(places));

log(`node ${process.version} on ${cpus()[0]?.model ?? 'unknown cpu'}`);

const rows = generateCatalog({ skus: SKUS, seed: 20_000 });
const directoryRows = generateDirectory({ dealers: DEALERS, reps: REPS, seed: 400 });
const messages = generateMessages({
  count: MESSAGES,
  seed: 3_000,
  catalog: rows,
  directory: directoryRows,
});
log(
  `generated ${rows.length} SKUs, ${directoryRows.dealers.length} dealers, ${messages.length} messages`,
);

// The master-data loader on the same catalog, as CSV: also proves the synthetic rows valid.
const csv = catalogCsv(rows);
let started = performance.now();
const loaded = parseCatalogCsv(csv, 'synthetic-catalog.csv');
const csvLoadMs = performance.now() - started;
if (!loaded.ok)
  throw new Error(`synthetic catalog rejected: ${JSON.stringify(loaded.problems.slice(0, 5))}`);
log(`catalog CSV (${round(csv.length / 2 ** 20, 1)} MB) loaded in ${round(csvLoadMs)} ms`);

const items = rows.map(toCatalogItem);
const heapBeforeIndexMb = heapMb();
started = performance.now();
const catalog = compileCatalog(items);
const indexBuildMs = performance.now() - started;
const directory = compileDirectory({
  dealers: directoryRows.dealers.map(toDealerEntry),
  reps: directoryRows.reps.map(toRepEntry),
  defaultRegion: 'IN',
});
const heapWithIndexMb = heapMb();
log(
  `catalog index built in ${round(indexBuildMs)} ms (cold); heap ${heapBeforeIndexMb} → ${heapWithIndexMb} MB`,
);

const warmBuilds: number[] = [];
if (indexBuildMs < 5_000) {
  for (let i = 0; i < 3; i += 1) {
    started = performance.now();
    compileCatalog(items);
    warmBuilds.push(performance.now() - started);
  }
}
const indexBuildWarmMs = warmBuilds.length > 0 ? Math.min(...warmBuilds) : null;

const parse = (message: ParseRequest) => parseMessage({ catalog, directory, message });

for (const message of messages.slice(0, WARMUP_MESSAGES)) parse(message);
log(`warmed up on ${WARMUP_MESSAGES} messages`);

// One timed pass with per-message latencies, then whole passes until the clock is long enough.
const latencies: number[] = [];
let parsed = 0;
let needsReview = 0;
let orders = 0;
const measureStart = performance.now();
for (const message of messages) {
  const t0 = performance.now();
  const result = parse(message);
  latencies.push(performance.now() - t0);
  parsed += 1;
  if (result.needs_review) needsReview += 1;
  if (result.intent === 'order') orders += 1;
}
// Results feed a sink so the JIT cannot drop calls whose value goes unused.
let sink = 0;
while (performance.now() - measureStart < MIN_MEASURE_MS) {
  for (const message of messages) {
    const result = parse(message);
    sink += result.orders.length + result.reasons.length + result.confidence;
  }
  parsed += messages.length;
}
const measuredMs = performance.now() - measureStart;
const messagesPerS = (parsed / measuredMs) * 1000;
latencies.sort((a, b) => a - b);
const percentile = (p: number): number =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
log(
  `parsed ${parsed} messages in ${round(measuredMs)} ms: ${round(messagesPerS)} msg/s; ` +
    `p50 ${round(percentile(0.5), 3)} ms, p99 ${round(percentile(0.99), 3)} ms; ` +
    `first pass: ${orders} orders, ${needsReview} need review (sink ${round(sink)})`,
);

process.stdout.write(
  `${JSON.stringify({
    skus: items.length,
    dealers: directoryRows.dealers.length,
    messages: messages.length,
    index_build_ms: round(indexBuildMs, 1),
    index_build_warm_ms: indexBuildWarmMs === null ? null : round(indexBuildWarmMs, 1),
    messages_per_s: round(messagesPerS),
    p50_ms: round(percentile(0.5), 3),
    p99_ms: round(percentile(0.99), 3),
    heap_mb: heapMb(),
    heap_index_mb: round(heapWithIndexMb - heapBeforeIndexMb, 1),
    csv_load_ms: round(csvLoadMs, 1),
    order_share: round(orders / messages.length, 3),
    review_share: round(needsReview / messages.length, 3),
    node: process.version,
  })}\n`,
);

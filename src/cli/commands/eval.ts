/**
 * `eval [DIR ...]`: parses each corpus (catalog.csv, dealers.csv, reps.csv, messages.jsonl,
 * truth.jsonl; by default every folder under test/corpora) with the rules only, and prints per
 * set the summary line, a table per tag and the straight-through error rate per confidence
 * band. The figure that matters is `auto_err`: of the drafts that went straight through, the
 * share a person would have changed.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compileCatalog, compileDirectory } from '../../../parsers/index.js';
import {
  DEFAULT_PHONE_REGION,
  formatLoadProblems,
  loadMasterData,
  toCatalogItem,
  toDealerEntry,
  toRepEntry,
} from '../../master-data/index.js';
import { scoreDrafts, truthSchema, type Score, type ScoredDraft } from '../../eval/score-drafts.js';
import { answerParseLine } from '../answer-parse-line.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { parseCommandLine } from '../parse-command-args.js';

const DEFAULT_ROOT = 'test/corpora';

const usage = `usage: cli eval [DIR ...] [--tags] [--json]

  DIR     a corpus folder (catalog.csv, dealers.csv, [reps.csv], messages.jsonl, truth.jsonl);
          default: every folder under ${DEFAULT_ROOT}
  --tags  also print each set's table per tag
  --json  one JSON object per set instead of tables

Per set: exact (messages read exactly), f1 (order lines), intent, stp (orders straight
through), auto_err (straight-through drafts that were wrong), then the straight-through
error rate per confidence band. Exit 0 when every set was scored.`;

async function run(args: string[], deps: CliDeps): Promise<number> {
  const { values: flags, positionals } = parseCommandLine(args, {
    tags: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  const dirs = positionals.length > 0 ? positionals : await corpusFolders();
  if (dirs.length === 0) {
    deps.stderr.write(`eval: no corpus folder under ${DEFAULT_ROOT}\n`);
    return EXIT_USAGE;
  }
  for (const dir of dirs) {
    const faults: string[] = [];
    const scored = await scoreCorpus(dir, faults);
    for (const fault of faults.slice(0, 5)) deps.stderr.write(`eval: ${dir}: ${fault}\n`);
    if (faults.length > 5) deps.stderr.write(`eval: ${dir}: … ${faults.length - 5} more faults\n`);
    if ('problem' in scored) {
      deps.stderr.write(`eval: ${dir}: ${scored.problem}\n`);
      return EXIT_USAGE;
    }
    const name = path.basename(path.resolve(dir));
    deps.stdout.write(
      flags.json
        ? `${JSON.stringify({ set: name, ...scored })}\n`
        : report(name, scored, flags.tags === true),
    );
  }
  return EXIT_OK;
}

async function corpusFolders(): Promise<string[]> {
  const names = await readdir(DEFAULT_ROOT).catch(() => [] as string[]);
  const dirs: string[] = [];
  for (const name of names.sort()) {
    const dir = path.join(DEFAULT_ROOT, name);
    if ((await stat(dir)).isDirectory()) dirs.push(dir);
  }
  return dirs;
}

async function scoreCorpus(dir: string, faults: string[]): Promise<Score | { problem: string }> {
  const file = (name: string) => path.join(dir, name);
  const hasReps = await stat(file('reps.csv')).then(
    () => true,
    () => false,
  );
  const master = await loadMasterData({
    catalogPath: file('catalog.csv'),
    dealersPath: file('dealers.csv'),
    repsPath: hasReps ? file('reps.csv') : null,
    defaultRegion: DEFAULT_PHONE_REGION,
  });
  if (!master.ok) return { problem: formatLoadProblems(master.problems) };
  const catalog = compileCatalog(master.value.catalog.map(toCatalogItem));
  const directory = compileDirectory({
    dealers: master.value.dealers.map(toDealerEntry),
    reps: master.value.reps.map(toRepEntry),
    defaultRegion: DEFAULT_PHONE_REGION,
  });
  const lines = async (name: string) =>
    (await readFile(file(name), 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const drafts: ScoredDraft[] = [];
  for (const line of await lines('messages.jsonl')) {
    const answer = answerParseLine({ line, catalog, directory });
    // A message the parser failed on scores as wrong everywhere: no draft for it.
    if ('error' in answer) faults.push(`${answer.id}: ${answer.error}`);
    else drafts.push(answer);
  }
  const truths = [];
  for (const [i, line] of (await lines('truth.jsonl')).entries()) {
    const truth = truthSchema.safeParse(JSON.parse(line));
    if (!truth.success) return { problem: `truth.jsonl line ${i + 1}: ${truth.error.message}` };
    truths.push(truth.data);
  }
  return scoreDrafts(truths, drafts);
}

const f3 = (n: number) => n.toFixed(3);

function report(name: string, score: Score, withTags: boolean): string {
  const f = score.figures;
  const out = [
    `${name}: exact=${f3(f.exact)} f1=${f3(f.lineF1)} intent=${f3(f.intent)} stp=${f3(f.straightThrough)} auto_err=${f3(f.autoError)} (${f.autoWrong}/${f.autoAccepted}) n=${f.messages}`,
  ];
  if (score.autoWrongIds.length > 0)
    out.push(`  went straight through wrong: ${score.autoWrongIds.join(', ')}`);
  out.push('  confidence band   auto  wrong  auto_err');
  for (const b of score.byConfidence.filter((x) => x.autoAccepted > 0))
    out.push(
      `  ${b.band.padEnd(16)} ${String(b.autoAccepted).padStart(5)} ${String(b.autoWrong).padStart(6)}  ${f3(b.autoWrong / b.autoAccepted)}`,
    );
  if (withTags) {
    out.push('  tag                        n  exact   auto  auto_wrong');
    for (const t of score.byTag)
      out.push(
        `  ${t.tag.padEnd(24)} ${String(t.messages).padStart(4)}  ${String(t.exact).padStart(5)}  ${String(t.autoAccepted).padStart(5)}  ${String(t.autoWrong).padStart(10)}`,
      );
  }
  return `${out.join('\n')}\n\n`;
}

export const command: CliCommand = { usage, run };

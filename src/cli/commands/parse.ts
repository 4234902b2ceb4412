/**
 * `parse --catalog F --dealers F [--reps F] [--region IN] [--rules-only]`: runs
 * the message parser over JSONL on stdin, one JSON answer per non-blank line on
 * stdout, in input order (docs/parse-cli.md). Rules only, with no network,
 * unless `OPENAI_BASE_URL` is set: then drafts the rules find hard are shown to
 * that endpoint (parsers/llm), a few messages at a time, and still come out in order.
 */
import { createInterface } from 'node:readline';
import { compileCatalog, compileDirectory } from '../../../parsers/index.js';
import {
  DEFAULT_PHONE_REGION,
  formatLoadProblems,
  loadMasterData,
  toCatalogItem,
  toDealerEntry,
  toPhoneRegion,
  toRepEntry,
} from '../../master-data/index.js';
import type { LineProposer } from '../../../parsers/llm/llm-client.js';
import {
  answerParseLine,
  answerParseLineWithLlm,
  type ParseLineAnswer,
} from '../answer-parse-line.js';
import { EXIT_FAULT, EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { LineWriter } from '../line-writer.js';
import { parseCommandArgs, requireFlag } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

/** Messages waiting on the model at once; answers are still written in input order. */
const LLM_CONCURRENCY = 4;
/** Per attempt; the client retries once. */
const LLM_TIMEOUT_MS = 20_000;

const usage = `usage: cli parse --catalog catalog.csv --dealers dealers.csv [--reps reps.csv] [--region IN]
       [--rules-only] [--explain] < messages.jsonl > drafts.jsonl

  --catalog F   catalog CSV (sku,name,unit,pack_size,piece_unit,price,aliases,brand,category)
  --dealers F   dealers CSV (code,name,phones,emails,region,price_list,credit_limit,outstanding)
  --reps F      optional reps CSV (code,name,phones,emails,dealers)
  --region R    ISO 3166 region for phone numbers without a country code
                (default: ORDERDESK_DEFAULT_REGION, else IN)
  --rules-only  never ask a language model, even when OPENAI_BASE_URL is set
  --explain     add to each answer an "explain" field: the review policy's
                accounting (every token with the role it was given, and every
                refusal that kept the draft from going straight through)

With OPENAI_BASE_URL (and OPENAI_MODEL, default gpt-4o-mini; OPENAI_API_KEY,
any string for a local server) set, messages the rules cannot settle are shown
to that OpenAI-compatible endpoint; its suggestions always stay in review.

Reads one JSON request per line on stdin and writes one JSON answer per
non-blank line on stdout, in order. Exit 0 when every line was answered,
2 on bad arguments or bad catalog/dealer/rep files (problems on stderr).`;

async function run(args: string[], deps: CliDeps): Promise<number> {
  const flags = parseCommandArgs(args, {
    catalog: { type: 'string' },
    dealers: { type: 'string' },
    reps: { type: 'string' },
    region: { type: 'string' },
    'rules-only': { type: 'boolean' },
    explain: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  const catalogPath = requireFlag(flags.catalog, 'catalog');
  const dealersPath = requireFlag(flags.dealers, 'dealers');
  const regionText =
    flags.region ?? (deps.config.ok ? deps.config.config.defaultRegion : DEFAULT_PHONE_REGION);
  const defaultRegion = toPhoneRegion(regionText);
  if (defaultRegion === null) throw new UsageError(`unknown region "${regionText}"`);

  const master = await loadMasterData({
    catalogPath,
    dealersPath,
    repsPath: flags.reps ?? null,
    defaultRegion,
  });
  if (!master.ok) {
    const count = master.problems.length;
    deps.stderr.write(
      `parse: the master data has ${count} problem${count === 1 ? '' : 's'}; nothing was parsed.\n` +
        `${formatLoadProblems(master.problems)}\n`,
    );
    return EXIT_USAGE;
  }

  const started = performance.now();
  const catalog = compileCatalog(master.value.catalog.map(toCatalogItem));
  const directory = compileDirectory({
    dealers: master.value.dealers.map(toDealerEntry),
    reps: master.value.reps.map(toRepEntry),
    defaultRegion,
  });
  deps.log.debug(
    { skus: master.value.catalog.length, ms: Math.round(performance.now() - started) },
    'catalog compiled',
  );

  const llm = flags['rules-only'] ? null : await createLineProposer(deps);
  const explain = flags.explain === true;

  const out = new LineWriter(deps.stdout);
  const lines = createInterface({ input: deps.stdin, crlfDelay: Infinity });
  let answered = 0;
  let errors = 0;
  let llmFailures = 0;
  try {
    await answerLines();
  } catch (error) {
    // The reader went away (`| head`): not a bug, but not every line was answered.
    if (error instanceof Error && 'code' in error && error.code === 'EPIPE') {
      deps.log.warn({ drafts: answered, errors }, 'stdout closed before every line was answered');
      lines.close();
      return EXIT_FAULT;
    }
    throw error;
  }
  deps.log.info(
    {
      drafts: answered,
      errors,
      ...(llm ? { llmFailures } : {}),
      ms: Math.round(performance.now() - started),
    },
    'parse finished',
  );
  return EXIT_OK;

  async function answerLines(): Promise<void> {
    if (llm) return answerLinesWithLlm(llm);
    for await (const raw of lines) {
      // A BOM can only lead the first line; JSON.parse would choke on it.
      const line = answered === 0 && errors === 0 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      const answer = answerParseLine({
        line,
        catalog,
        directory,
        explain,
        onParserFault: (id, error) => deps.log.error({ err: error, id }, 'parser failed'),
      });
      if ('error' in answer) errors += 1;
      else answered += 1;
      await out.writeLine(JSON.stringify(answer));
    }
    await out.finish();
  }

  /** Up to LLM_CONCURRENCY answers in flight; each is written once those before it are. */
  async function answerLinesWithLlm(proposer: LineProposer): Promise<void> {
    const inFlight: Promise<ParseLineAnswer>[] = [];
    const writeNext = async () => {
      const answer = await inFlight.shift()!;
      if ('error' in answer) errors += 1;
      else answered += 1;
      await out.writeLine(JSON.stringify(answer));
    };
    let first = true;
    for await (const raw of lines) {
      // A BOM can only lead the first line; JSON.parse would choke on it.
      const line = first ? raw.replace(/^\uFEFF/, '') : raw;
      first = false;
      if (line.trim() === '') continue;
      // Never rejects: faults and model failures become answers.
      inFlight.push(
        answerParseLineWithLlm({
          line,
          catalog,
          directory,
          explain,
          llm: proposer,
          onParserFault: (id, error) => deps.log.error({ err: error, id }, 'parser failed'),
          onLlmFailure: (id, error) => {
            llmFailures += 1;
            deps.log.warn(
              { id, err: error instanceof Error ? error.message : String(error) },
              'LLM fallback failed; the rules draft stands',
            );
          },
        }),
      );
      if (inFlight.length >= LLM_CONCURRENCY) await writeNext();
    }
    while (inFlight.length > 0) await writeNext();
    await out.finish();
  }
}

/**
 * The OpenAI-compatible line proposer when `OPENAI_BASE_URL` is configured, else
 * null (rules only, no network). The SDK is loaded only then.
 */
async function createLineProposer(deps: CliDeps): Promise<LineProposer | null> {
  if (!deps.config.ok) {
    const openAiProblems = deps.config.problems.filter((p) => p.variable.startsWith('OPENAI_'));
    if (openAiProblems.length > 0)
      deps.log.warn(
        { problems: openAiProblems },
        'OpenAI settings invalid; parsing with rules only',
      );
    return null;
  }
  const openai = deps.config.config.openai;
  if (openai?.baseUrl == null) return null;
  const { createOpenAiLineProposer } = await import('../../../parsers/llm/llm-client.js');
  deps.log.info(
    { endpoint: new URL(openai.baseUrl).origin, model: openai.model },
    'LLM fallback on for drafts the rules find hard',
  );
  return createOpenAiLineProposer({
    baseURL: openai.baseUrl,
    // Local servers take any key; the SDK insists on one.
    apiKey: openai.apiKey ?? 'no-key',
    model: openai.model,
    timeoutMs: LLM_TIMEOUT_MS,
  });
}

export const command: CliCommand = { usage, run };

/**
 * `parse --catalog F --dealers F [--reps F] [--region IN]`: runs the message
 * parser offline over JSONL on stdin, one JSON answer per non-blank line on
 * stdout, in input order (contracts/parse-cli.md). Rules only: no network.
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
import { answerParseLine } from '../answer-parse-line.js';
import { EXIT_FAULT, EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { LineWriter } from '../line-writer.js';
import { parseCommandArgs, requireFlag } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const usage = `usage: cli parse --catalog catalog.csv --dealers dealers.csv [--reps reps.csv] [--region IN]
       < messages.jsonl > drafts.jsonl

  --catalog F   catalog CSV (sku,name,unit,pack_size,piece_unit,price,aliases,brand,category)
  --dealers F   dealers CSV (code,name,phones,emails,region,price_list,credit_limit,outstanding)
  --reps F      optional reps CSV (code,name,phones,emails,dealers)
  --region R    ISO 3166 region for phone numbers without a country code
                (default: ORDERDESK_DEFAULT_REGION, else IN)

Reads one JSON request per line on stdin and writes one JSON answer per
non-blank line on stdout, in order. Exit 0 when every line was answered,
2 on bad arguments or bad catalog/dealer/rep files (problems on stderr).`;

async function run(args: string[], deps: CliDeps): Promise<number> {
  const flags = parseCommandArgs(args, {
    catalog: { type: 'string' },
    dealers: { type: 'string' },
    reps: { type: 'string' },
    region: { type: 'string' },
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

  const out = new LineWriter(deps.stdout);
  const lines = createInterface({ input: deps.stdin, crlfDelay: Infinity });
  let answered = 0;
  let errors = 0;
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
    { drafts: answered, errors, ms: Math.round(performance.now() - started) },
    'parse finished',
  );
  return EXIT_OK;

  async function answerLines(): Promise<void> {
    for await (const raw of lines) {
      // A BOM can only lead the first line; JSON.parse would choke on it.
      const line = answered === 0 && errors === 0 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      const answer = answerParseLine({
        line,
        catalog,
        directory,
        onParserFault: (id, error) => deps.log.error({ err: error, id }, 'parser failed'),
      });
      if ('error' in answer) errors += 1;
      else answered += 1;
      await out.writeLine(JSON.stringify(answer));
    }
    await out.finish();
  }
}

export const command: CliCommand = { usage, run };

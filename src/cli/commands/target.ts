/**
 * `target`: where confirmed orders go (docs/accounting.md "Export targets").
 *
 *     npm run cli -- target set tally --kind tally --folder /srv/tally/in --mapping tally-mapping.json
 *     npm run cli -- target set sheets --kind csv --folder /srv/orders
 *     npm run cli -- target set erp --kind webhook --url https://erp.example/orders --secret-env ERP_SECRET
 *     npm run cli -- target list
 *     npm run cli -- target disable sheets
 *
 * `set` creates or replaces a target by name (active); the config is
 * checked before it is saved. A target only receives orders confirmed
 * after it exists; send older ones from the console's ERP export page.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EXPORT_TARGET_KINDS, type ExportTargetKind, type JsonObject } from '../../db/schema.js';
import { listExportTargetStatus } from '../../repositories/read-models/export-status.read-model.js';
import { upsertExportTarget } from '../../repositories/export.repository.js';
import { ENV_WEBHOOK_TARGET } from '../../services/export/env-export-target.js';
import {
  parseTargetConfig,
  tallyMappingSchema,
} from '../../services/export/export-target-config.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { parseCommandLine } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { withDatabase } from '../with-database.js';

const usage = `usage: cli target set NAME --kind csv|xlsx --folder DIR
       cli target set NAME --kind tally --folder DIR [--mapping FILE.json]
       cli target set NAME --kind webhook --url URL --secret-env VARIABLE
       cli target list
       cli target enable|disable NAME

Export targets receive every order confirmed while they are active: files
(one per order version, written whole, never twice) or a signed webhook
(HMAC-SHA256 in X-OrderDesk-Signature, Idempotency-Key <order id>:<version>).
A Tally mapping file names Tally's ledgers and stock items:
  {"company": "…", "sales_ledger": "…", "tax_ledger": "…", "rounding_ledger": "…",
   "ledgers": {"<dealer code>": "<party ledger>"}, "items": {"<SKU>": "<stock item>"}}
The webhook's secret stays in the environment variable --secret-env names.
The target ORDERDESK_EXPORT_WEBHOOK_URL makes is managed by that variable.`;

async function readMapping(file: string): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = tallyMappingSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${file}: ${describe(parsed.error)}`);
  return parsed.data as JsonObject;
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

async function run(args: string[], deps: CliDeps): Promise<number> {
  const { values: flags, positionals } = parseCommandLine(args, {
    help: { type: 'boolean', short: 'h' },
    kind: { type: 'string' },
    folder: { type: 'string' },
    mapping: { type: 'string' },
    url: { type: 'string' },
    'secret-env': { type: 'string' },
  });
  const [action, name, ...extra] = positionals;
  if (flags.help) {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (action === 'list') {
    return withDatabase(deps, 'target', async (db) => {
      for (const t of await listExportTargetStatus(db)) {
        deps.stdout.write(
          `${t.name}\t${t.kind}\t${t.active ? 'active' : 'off'}\t${t.pending} waiting\t${t.delivered} delivered\t${t.dead} given up\n`,
        );
      }
      return EXIT_OK;
    });
  }
  if (!['set', 'enable', 'disable'].includes(action ?? '')) {
    throw new UsageError('say "set", "list", "enable" or "disable"');
  }
  if (name === undefined || name.trim() === '') throw new UsageError('missing the target NAME');
  if (name === ENV_WEBHOOK_TARGET) {
    throw new UsageError('that target follows ORDERDESK_EXPORT_WEBHOOK_URL; change the variable');
  }
  if (action !== 'set') {
    return withDatabase(deps, 'target', async (db) => {
      const row = await db
        .updateTable('export_targets')
        .set({ active: action === 'enable' })
        .where('name', '=', name)
        .returning('id')
        .executeTakeFirst();
      if (!row) {
        deps.stderr.write(`target: no target named ${name}\n`);
        return EXIT_USAGE;
      }
      deps.stdout.write(`${name} is ${action === 'enable' ? 'active' : 'off'}\n`);
      return EXIT_OK;
    });
  }
  const kind = flags.kind;
  if (kind === undefined || !(EXPORT_TARGET_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of ${EXPORT_TARGET_KINDS.join(', ')}`);
  }
  const raw: Record<string, unknown> =
    kind === 'webhook'
      ? { url: flags.url, secret_env: flags['secret-env'] }
      : {
          folder: flags.folder === undefined ? undefined : path.resolve(flags.folder),
          ...(kind === 'tally' && flags.mapping !== undefined
            ? await readMapping(flags.mapping)
            : {}),
        };
  let config: JsonObject;
  try {
    config = parseTargetConfig(kind as ExportTargetKind, raw);
  } catch (error) {
    if (error instanceof z.ZodError) throw new UsageError(describe(error));
    throw error;
  }
  return withDatabase(deps, 'target', async (db) => {
    await upsertExportTarget(db, { name, kind: kind as ExportTargetKind, config });
    deps.stdout.write(`${name}: ${kind} target saved and active\n`);
    return EXIT_OK;
  });
}

export const command: CliCommand = { usage, run };

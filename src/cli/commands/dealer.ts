/**
 * `dealer`: a dealer's settings without SQL (the console's dealer page does
 * the same; every change is audited).
 *
 *     npm run cli -- dealer show D101
 *     npm run cli -- dealer set D101 --policy block --overdue-days 45
 *     npm run cli -- dealer set D101 --temp-limit 300000.00 --until 2026-12-31
 *     npm run cli -- dealer set D101 --language hi --auto-confirm no --active yes
 */
import { z } from 'zod';
import { formatMinor } from '../../domain/money.js';
import { setDealerSettings, type DealerSettingsInput } from '../../services/dealer-settings.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { parseCommandLine } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { withDatabase } from '../with-database.js';

const usage = `usage: cli dealer show DEALER
       cli dealer set DEALER [--policy hold|block] [--overdue-days N|none]
                             [--language en|hi|hi-Latn] [--active yes|no]
                             [--auto-confirm yes|no] [--rollout on|pilot|off]
                             [--temp-limit AMOUNT --until YYYY-MM-DD | --clear-temp-limit]

show  prints the dealer's settings and credit figures
set   changes only the settings given, in one transaction, audited:
  --policy         over the limit or overdue: hold (finance decides) or block
  --overdue-days   hold/block when an invoice is this many days overdue; none: no rule
  --language       reply language; default English follows the dealer's script
  --active         no: messages are answered politely and go to a person
  --auto-confirm   no: every order waits for the dealer's YES
  --rollout        on, pilot (every order to a person) or off (see README "Rollout")
  --temp-limit     a temporary credit limit (rupees) until the end of --until (India time)`;

async function run(args: string[], deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    help: { type: 'boolean', short: 'h' },
    policy: { type: 'string' },
    'overdue-days': { type: 'string' },
    language: { type: 'string' },
    active: { type: 'string' },
    'auto-confirm': { type: 'string' },
    rollout: { type: 'string' },
    'temp-limit': { type: 'string' },
    until: { type: 'string' },
    'clear-temp-limit': { type: 'boolean' },
  });
  if (values.help) {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  const [action, code, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (action !== 'show' && action !== 'set') throw new UsageError('say "show" or "set"');
  if (code === undefined) throw new UsageError('missing the DEALER code');

  if (action === 'show') {
    return withDatabase(deps, 'dealer', async (db) => {
      const d = await db
        .selectFrom('dealers as d')
        .leftJoin('dealer_credit as c', 'c.dealer_code', 'd.code')
        .select([
          'd.code',
          'd.name',
          'd.credit_policy',
          'd.overdue_days',
          'd.language',
          'd.active',
          'd.auto_confirm',
          'd.rollout',
          'd.credit_limit_minor',
          'c.temp_limit_minor',
          'c.temp_limit_expires_at',
          'c.outstanding_minor',
          'c.open_orders_minor',
        ])
        .where('d.code', '=', code)
        .executeTakeFirst();
      if (!d) {
        deps.stderr.write(`dealer: no dealer with code "${code}"\n`);
        return EXIT_USAGE;
      }
      const money = (m: bigint | null | undefined) => (m == null ? 'none' : formatMinor(m));
      deps.stdout.write(
        [
          `${d.code}  ${d.name}`,
          `credit limit     ${money(d.credit_limit_minor)}`,
          `temporary limit  ${d.temp_limit_minor == null ? 'none' : `${money(d.temp_limit_minor)} until ${d.temp_limit_expires_at?.toISOString() ?? '?'}`}`,
          `outstanding      ${money(d.outstanding_minor ?? 0n)}`,
          `open orders      ${money(d.open_orders_minor ?? 0n)}`,
          `credit policy    ${d.credit_policy}`,
          `overdue days     ${d.overdue_days ?? 'none'}`,
          `language         ${d.language}`,
          `active           ${d.active ? 'yes' : 'no'}`,
          `auto-confirm     ${d.auto_confirm ? 'yes' : 'no'}`,
          `rollout          ${d.rollout}`,
          '',
        ].join('\n'),
      );
      return EXIT_OK;
    });
  }

  if (values['temp-limit'] !== undefined && values.until === undefined) {
    throw new UsageError('--temp-limit needs --until YYYY-MM-DD');
  }
  if (values['temp-limit'] !== undefined && values['clear-temp-limit']) {
    throw new UsageError('--temp-limit or --clear-temp-limit, not both');
  }
  const settings: DealerSettingsInput = {
    ...(values.policy === undefined ? {} : { creditPolicy: values.policy as 'hold' }),
    ...(values['overdue-days'] === undefined ? {} : { overdueDays: values['overdue-days'] }),
    ...(values.language === undefined ? {} : { language: values.language }),
    ...(values.active === undefined ? {} : { active: values.active }),
    ...(values['auto-confirm'] === undefined ? {} : { autoConfirm: values['auto-confirm'] }),
    ...(values.rollout === undefined ? {} : { rollout: values.rollout as 'on' }),
    ...(values['temp-limit'] === undefined
      ? values['clear-temp-limit']
        ? { tempLimit: null }
        : {}
      : { tempLimit: { amount: values['temp-limit'], until: values.until! } }),
  };
  if (Object.keys(settings).length === 0) throw new UsageError('nothing to set; see --help');
  return withDatabase(deps, 'dealer', async (db) => {
    try {
      const { changed } = await setDealerSettings(db, {
        dealerCode: code,
        settings,
        actor: 'cli',
      });
      const lines = Object.entries(changed).map(([k, [a, b]]) => `  ${k}: ${a} → ${b}`);
      deps.stdout.write(
        lines.length === 0 ? `${code}: nothing changed\n` : `${code}:\n${lines.join('\n')}\n`,
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof z.ZodError) {
        const flag: Record<string, string> = {
          creditPolicy: 'policy',
          overdueDays: 'overdue-days',
          autoConfirm: 'auto-confirm',
          tempLimit: 'temp-limit',
        };
        const said = error.issues.map((i) => {
          const field = String(i.path[0] ?? '');
          return `--${flag[field] ?? field}: ${i.message}`;
        });
        deps.stderr.write(`dealer: ${said.join('; ')}\n`);
        return EXIT_USAGE;
      }
      if (error instanceof Error && error.name === 'AppError') {
        deps.stderr.write(`dealer: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
  });
}

export const command: CliCommand = { usage, run };

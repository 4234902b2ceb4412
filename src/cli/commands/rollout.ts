/**
 * `rollout`: bring dealers onto the service one at a time (README "Rollout").
 *
 *     npm run cli -- rollout set D101 pilot                      every order of D101 to a person
 *     npm run cli -- rollout set D101 on --channel whatsapp      …except on WhatsApp
 *     npm run cli -- rollout clear D101 --channel whatsapp       WhatsApp follows the dealer again
 *     npm run cli -- rollout list                                dealers not simply on
 */
import { CHANNELS, ROLLOUTS, type Channel, type Rollout } from '../../db/schema.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { parseCommandLine } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { withDatabase } from '../with-database.js';

const usage = `usage: cli rollout set DEALER on|pilot|off [--channel ${CHANNELS.join('|')}]
       cli rollout clear DEALER --channel CHANNEL
       cli rollout list

on     orders the parser is sure of are priced, credit-checked and confirmed
pilot  every order waits for a person in the review queue (the dealer hears
       "received, checking"); the draft shows how the parser read it
off    the dealer is answered politely and a person takes it; nothing is priced
--channel sets it for one channel only; clear makes that channel follow the
dealer again. Every change is audited.`;

async function run(args: string[], deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    help: { type: 'boolean', short: 'h' },
    channel: { type: 'string' },
  });
  if (values.help) {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  const [action, dealer, value, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const channel = values.channel;
  if (channel !== undefined && !(CHANNELS as readonly string[]).includes(channel)) {
    throw new UsageError(`--channel must be one of ${CHANNELS.join(', ')}`);
  }
  if (action === 'list') {
    return withDatabase(deps, 'rollout', async (db) => {
      const dealers = await db
        .selectFrom('dealers')
        .select(['code', 'rollout', 'active'])
        .where((eb) => eb.or([eb('rollout', '<>', 'on'), eb('active', '=', false)]))
        .orderBy('code')
        .execute();
      for (const d of dealers)
        deps.stdout.write(`${d.code}\t${d.active ? d.rollout : 'inactive'}\tall channels\n`);
      const channels = await db
        .selectFrom('dealer_channel_rollout')
        .selectAll()
        .orderBy('dealer_code')
        .orderBy('channel')
        .execute();
      for (const c of channels) deps.stdout.write(`${c.dealer_code}\t${c.rollout}\t${c.channel}\n`);
      return EXIT_OK;
    });
  }
  if (action !== 'set' && action !== 'clear') {
    throw new UsageError('say "set", "clear" or "list"');
  }
  if (dealer === undefined) throw new UsageError('missing the DEALER code');
  if (action === 'set' && !(ROLLOUTS as readonly string[]).includes(value ?? '')) {
    throw new UsageError(`say ${ROLLOUTS.join(', ')} after the dealer code`);
  }
  if (action === 'clear' && channel === undefined) {
    throw new UsageError('clear needs --channel');
  }
  return withDatabase(deps, 'rollout', async (db) => {
    const found = await db
      .selectFrom('dealers')
      .select('code')
      .where('code', '=', dealer)
      .executeTakeFirst();
    if (!found) {
      deps.stderr.write(`rollout: no dealer with code "${dealer}"\n`);
      return EXIT_USAGE;
    }
    await db.transaction().execute(async (trx) => {
      if (action === 'clear') {
        await trx
          .deleteFrom('dealer_channel_rollout')
          .where('dealer_code', '=', dealer)
          .where('channel', '=', channel as Channel)
          .execute();
      } else if (channel === undefined) {
        await trx
          .updateTable('dealers')
          .set({ rollout: value as Rollout })
          .where('code', '=', dealer)
          .execute();
      } else {
        await trx
          .insertInto('dealer_channel_rollout')
          .values({ dealer_code: dealer, channel: channel as Channel, rollout: value as Rollout })
          .onConflict((oc) =>
            oc
              .columns(['dealer_code', 'channel'])
              .doUpdateSet({ rollout: value as Rollout, updated_at: new Date() }),
          )
          .execute();
      }
      await recordAuditEvents(trx, [
        {
          entityType: 'dealer',
          entityId: dealer,
          action: 'rollout_changed',
          actor: 'cli',
          reason:
            action === 'clear'
              ? `${channel} follows the dealer again`
              : `${value}${channel === undefined ? '' : ` on ${channel}`}`,
          data: { channel: channel ?? null, rollout: action === 'clear' ? null : (value ?? null) },
        },
      ]);
    });
    deps.stdout.write(
      action === 'clear'
        ? `${dealer}: ${channel} follows the dealer again\n`
        : `${dealer}: ${value}${channel === undefined ? '' : ` on ${channel}`}\n`,
    );
    return EXIT_OK;
  });
}

export const command: CliCommand = { usage, run };

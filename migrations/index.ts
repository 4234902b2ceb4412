/**
 * Every migration, by name, imported explicitly so the migrator finds them the
 * same way under tsx and compiled to dist/. Add each new file here; a test
 * checks this map matches the folder.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_master_data.js';
import * as m0002 from './0002_credit.js';
import * as m0003 from './0003_conversations_and_inbound_messages.js';
import * as m0004 from './0004_orders.js';
import * as m0005 from './0005_outbox_audit_api_tokens.js';
import * as m0006 from './0006_pipeline.js';
import * as m0040 from './0040_pricing_and_approvals.js';
import * as m0030 from './0030_console_users_sessions.js';
import * as m0010 from './0010_email_checkpoints.js';
import * as m0011 from './0011_inbound_review_hold.js';
import * as m0020 from './0020_whatsapp_channels.js';
import * as m0050 from './0050_accounting_loop.js';
import * as m0060 from './0060_dealer_rollout.js';
import * as m0070 from './0070_dealer_portal.js';
import * as m0071 from './0071_usual_order_reminders.js';
import * as m0072 from './0072_review_claims.js';
import * as m0073 from './0073_app_settings.js';
import * as m0074 from './0074_channel_settings.js';
import * as m0080 from './0080_inbound_files.js';
import * as m0075 from './0075_report_rollups.js';
import * as m0081 from './0081_read_cache_versions.js';
import * as m0082 from './0082_inbound_channel_account.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001_master_data': m0001,
  '0002_credit': m0002,
  '0003_conversations_and_inbound_messages': m0003,
  '0004_orders': m0004,
  '0005_outbox_audit_api_tokens': m0005,
  '0006_pipeline': m0006,
  '0040_pricing_and_approvals': m0040,
  '0030_console_users_sessions': m0030,
  '0010_email_checkpoints': m0010,
  '0011_inbound_review_hold': m0011,
  '0020_whatsapp_channels': m0020,
  '0050_accounting_loop': m0050,
  '0060_dealer_rollout': m0060,
  '0070_dealer_portal': m0070,
  '0071_usual_order_reminders': m0071,
  '0072_review_claims': m0072,
  '0073_app_settings': m0073,
  '0074_channel_settings': m0074,
  '0080_inbound_files': m0080,
  '0075_report_rollups': m0075,
  '0081_read_cache_versions': m0081,
  '0082_inbound_channel_account': m0082,
};

import { readdirSync } from 'node:fs';
import { sql, type Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { createDatabase } from '../../../src/db/database.js';
import {
  listMigrationNames,
  listPendingMigrations,
  migrateToLatest,
} from '../../../src/db/migrate.js';
import type { DB } from '../../../src/db/schema.js';
import { createEmptyDatabase } from '../../support/database.js';

describe('migrations', () => {
  let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
  beforeAll(async () => {
    empty = await createEmptyDatabase();
  });
  afterAll(async () => {
    await empty.destroy();
  });

  it('lists every file of migrations/ in the import map', () => {
    const files = readdirSync(new URL('../../../migrations/', import.meta.url))
      .filter((f) => /^\d{4}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations).sort()).toEqual(files);
  });

  it('apply on an empty database, then re-running applies nothing', async () => {
    const db = createDatabase({ url: empty.url, max: 2 });
    try {
      expect(await listPendingMigrations(db)).toEqual(listMigrationNames());
      expect(await migrateToLatest(db)).toEqual(listMigrationNames());
      expect(await migrateToLatest(db)).toEqual([]);
      expect(await listPendingMigrations(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('apply once when several processes migrate the same database at once', async () => {
    const fresh = await createEmptyDatabase();
    const pools = [1, 2, 3, 4].map(() => createDatabase({ url: fresh.url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((db) => migrateToLatest(db)));
      expect(applied.flat().sort()).toEqual(listMigrationNames());
    } finally {
      await Promise.all(pools.map((db) => db.destroy()));
      await fresh.destroy();
    }
  });
});

/**
 * schema.ts must match the migrations exactly. TypeScript forces this object
 * to name every column of every table in `DB` and to state whether its
 * selected type admits null; the test checks the same against the database.
 */
type Nullability<T> = {
  [K in keyof Selectable<T>]-?: null extends Selectable<T>[K] ? 'null' : 'not null';
};
const expectedSchema: { [T in keyof DB]: Nullability<DB[T]> } = {
  api_tokens: {
    id: 'not null',
    name: 'not null',
    token_hash: 'not null',
    role: 'not null',
    created_at: 'not null',
    expires_at: 'null',
    last_used_at: 'null',
    revoked_at: 'null',
  },
  audit_events: {
    id: 'not null',
    entity_type: 'not null',
    entity_id: 'not null',
    action: 'not null',
    actor: 'not null',
    reason: 'null',
    data: 'not null',
    at: 'not null',
  },
  conversations: {
    id: 'not null',
    channel: 'not null',
    sender: 'not null',
    dealer_code: 'null',
    language: 'null',
    pending: 'null',
    pending_expires_at: 'null',
    last_inbound_at: 'null',
    last_outbound_at: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  dealer_credit: {
    dealer_code: 'not null',
    outstanding_minor: 'not null',
    open_orders_minor: 'not null',
    temp_limit_minor: 'null',
    temp_limit_expires_at: 'null',
    updated_at: 'not null',
  },
  dealer_emails: { email: 'not null', dealer_code: 'not null', created_at: 'not null' },
  dealer_phones: { phone: 'not null', dealer_code: 'not null', created_at: 'not null' },
  dealers: {
    code: 'not null',
    name: 'not null',
    region: 'null',
    price_list: 'null',
    credit_limit_minor: 'null',
    credit_policy: 'not null',
    auto_confirm: 'not null',
    language: 'not null',
    overdue_days: 'null',
    active: 'not null',
    rollout: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
    usual_order_reminder: 'not null',
  },
  dealer_channel_rollout: {
    dealer_code: 'not null',
    channel: 'not null',
    rollout: 'not null',
    updated_at: 'not null',
  },
  inbound_messages: {
    id: 'not null',
    channel: 'not null',
    external_id: 'not null',
    sender: 'not null',
    dealer_code: 'null',
    rep_code: 'null',
    conversation_id: 'null',
    text: 'not null',
    subject: 'null',
    attachments: 'not null',
    received_at: 'not null',
    status: 'not null',
    error: 'null',
    parse_result: 'null',
    attempts: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
    text_flags: 'not null',
    original_bytes: 'null',
    review_hold: 'null',
    files_read_at: 'null',
    channel_account: 'null',
  },
  inbound_files: {
    id: 'not null',
    inbound_message_id: 'not null',
    position: 'not null',
    kind: 'not null',
    source: 'not null',
    media_id: 'null',
    filename: 'null',
    declared_type: 'null',
    sniffed_type: 'null',
    size_bytes: 'null',
    sha256: 'null',
    content: 'null',
    status: 'not null',
    refusal: 'null',
    detail: 'null',
    reading: 'null',
    attempts: 'not null',
    purged_at: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  email_checkpoints: {
    account: 'not null',
    mailbox: 'not null',
    uid_validity: 'not null',
    last_uid: 'not null',
    updated_at: 'not null',
  },
  email_threads: {
    external_id: 'not null',
    message_id: 'null',
    subject: 'null',
    reference_ids: 'not null',
    created_at: 'not null',
  },
  learned_aliases: {
    id: 'not null',
    dealer_code: 'null',
    alias: 'not null',
    sku: 'not null',
    created_by: 'not null',
    created_at: 'not null',
  },
  ledger_entries: {
    id: 'not null',
    dealer_code: 'not null',
    kind: 'not null',
    amount_minor: 'not null',
    reference: 'null',
    due_date: 'null',
    settled_at: 'null',
    note: 'null',
    occurred_at: 'not null',
    created_at: 'not null',
    order_id: 'null',
  },
  master_data_version: { id: 'not null', version: 'not null' },
  read_cache_versions: {
    id: 'not null',
    learned_aliases: 'not null',
    rollout: 'not null',
    pricing_rules: 'not null',
  },
  order_lines: {
    order_id: 'not null',
    line_no: 'not null',
    sku: 'not null',
    qty: 'not null',
    list_price_minor: 'null',
    unit_price_minor: 'null',
    requested_price_minor: 'null',
    discount_minor: 'not null',
    tax_rate_bp: 'not null',
    tax_minor: 'not null',
    line_total_minor: 'null',
    price_explanation: 'not null',
    source_text: 'null',
    free: 'not null',
  },
  // 0040 pricing and approvals
  approvals: {
    id: 'not null',
    order_id: 'not null',
    kind: 'not null',
    status: 'not null',
    data: 'not null',
    requested_by: 'not null',
    decided_by: 'null',
    note: 'null',
    created_at: 'not null',
    decided_at: 'null',
  },
  discount_authorities: {
    principal: 'not null',
    max_discount_bp: 'not null',
    created_at: 'not null',
  },
  schemes: {
    id: 'not null',
    name: 'not null',
    kind: 'not null',
    rule: 'not null',
    stacking: 'not null',
    priority: 'not null',
    valid_from: 'null',
    valid_to: 'null',
    regions: 'not null',
    price_lists: 'not null',
    dealers: 'not null',
    active: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  slabs: {
    id: 'not null',
    target_kind: 'not null',
    target_value: 'not null',
    basis: 'not null',
    threshold: 'not null',
    discount_bp: 'not null',
    price_list: 'null',
    valid_from: 'null',
    valid_to: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  orders: {
    id: 'not null',
    order_no: 'not null',
    dealer_code: 'null',
    rep_code: 'null',
    inbound_message_id: 'null',
    draft_no: 'not null',
    channel: 'not null',
    status: 'not null',
    status_reason: 'null',
    subtotal_minor: 'not null',
    discount_minor: 'not null',
    tax_minor: 'not null',
    total_minor: 'not null',
    price_explanation: 'not null',
    review_reasons: 'not null',
    confirmed_at: 'null',
    invoiced_at: 'null',
    version: 'not null',
    exported_at: 'null',
    dispatched_at: 'null',
    delivered_at: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  dispatches: {
    id: 'not null',
    order_id: 'not null',
    dispatched_on: 'not null',
    transporter: 'null',
    lr_number: 'null',
    vehicle: 'null',
    lines: 'not null',
    created_by: 'not null',
    created_at: 'not null',
  },
  deliveries: {
    id: 'not null',
    order_id: 'not null',
    delivered_on: 'not null',
    received_by: 'null',
    shortages: 'not null',
    created_by: 'not null',
    created_at: 'not null',
  },
  export_targets: {
    id: 'not null',
    name: 'not null',
    kind: 'not null',
    config: 'not null',
    active: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  export_deliveries: {
    id: 'not null',
    target_id: 'not null',
    order_id: 'not null',
    order_version: 'not null',
    status: 'not null',
    attempts: 'not null',
    next_attempt_at: 'not null',
    last_error: 'null',
    response_status: 'null',
    location: 'null',
    delivered_at: 'null',
    created_at: 'not null',
  },
  channel_settings: {
    channel: 'not null',
    rollout: 'not null',
    updated_at: 'not null',
  },
  app_settings: {
    id: 'not null',
    default_credit_policy: 'not null',
    default_overdue_days: 'null',
    updated_at: 'not null',
  },
  review_claims: {
    item_key: 'not null',
    user_id: 'not null',
    claimed_at: 'not null',
  },
  usual_order_reminders: {
    dealer_code: 'not null',
    after_order_id: 'not null',
    sent_at: 'not null',
  },
  portal_links: {
    id: 'not null',
    dealer_code: 'not null',
    requested_by: 'not null',
    created_at: 'not null',
    expires_at: 'not null',
    used_at: 'null',
  },
  portal_sessions: {
    id: 'not null',
    dealer_code: 'not null',
    csrf_token: 'not null',
    created_at: 'not null',
    last_seen_at: 'not null',
    expires_at: 'not null',
    user_agent: 'null',
    revoked_at: 'null',
  },
  outbox: {
    id: 'not null',
    channel: 'not null',
    recipient: 'not null',
    conversation_id: 'null',
    inbound_message_id: 'null',
    order_id: 'null',
    kind: 'not null',
    body: 'not null',
    idempotency_key: 'not null',
    status: 'not null',
    attempts: 'not null',
    next_attempt_at: 'not null',
    external_id: 'null',
    last_error: 'null',
    created_at: 'not null',
    sent_at: 'null',
    delivery_status: 'null',
    delivery_status_at: 'null',
    delivery_error: 'null',
  },
  channel_states: {
    channel: 'not null',
    state: 'not null',
    since: 'not null',
    detail: 'null',
    qr_data_url: 'null',
    heartbeat_at: 'not null',
  },
  whatsapp_delivery_statuses: {
    external_id: 'not null',
    status: 'not null',
    status_at: 'not null',
    error: 'null',
    updated_at: 'not null',
  },
  send_slots: { key: 'not null', next_at: 'not null' },
  sessions: {
    id: 'not null',
    user_id: 'not null',
    csrf_token: 'not null',
    created_at: 'not null',
    last_seen_at: 'not null',
    expires_at: 'not null',
    user_agent: 'null',
    ip: 'null',
  },
  users: {
    id: 'not null',
    email: 'not null',
    name: 'not null',
    role: 'not null',
    password_hash: 'not null',
    active: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
    last_login_at: 'null',
    weekly_digest: 'not null',
  },
  report_dirty_days: { id: 'not null', day: 'not null' },
  report_dealer_days: {
    day: 'not null',
    dealer_code: 'not null',
    region: 'not null',
    channel: 'not null',
    orders: 'not null',
    lines: 'not null',
    quantity: 'not null',
    value_minor: 'not null',
  },
  report_dealer_months: {
    month: 'not null',
    dealer_code: 'not null',
    region: 'not null',
    channel: 'not null',
    orders: 'not null',
    lines: 'not null',
    quantity: 'not null',
    value_minor: 'not null',
  },
  report_product_days: {
    day: 'not null',
    sku: 'not null',
    region: 'not null',
    orders: 'not null',
    quantity: 'not null',
    value_minor: 'not null',
  },
  report_product_months: {
    month: 'not null',
    sku: 'not null',
    region: 'not null',
    orders: 'not null',
    quantity: 'not null',
    value_minor: 'not null',
  },
  report_network_days: {
    day: 'not null',
    region: 'not null',
    channel: 'not null',
    orders: 'not null',
    lines: 'not null',
    quantity: 'not null',
    value_minor: 'not null',
  },
  report_network_months: {
    month: 'not null',
    region: 'not null',
    channel: 'not null',
    orders: 'not null',
    lines: 'not null',
    quantity: 'not null',
    value_minor: 'not null',
  },
  report_brand_days: {
    day: 'not null',
    brand: 'not null',
    category: 'not null',
    region: 'not null',
    orders: 'not null',
    quantity: 'not null',
    value_minor: 'not null',
  },
  report_brand_months: {
    month: 'not null',
    brand: 'not null',
    category: 'not null',
    region: 'not null',
    orders: 'not null',
    quantity: 'not null',
    value_minor: 'not null',
  },
  report_dealer_trends: {
    dealer_code: 'not null',
    as_of: 'not null',
    current_minor: 'not null',
    prior_minor: 'not null',
    last_year_minor: 'not null',
    order_days: 'not null',
    first_day: 'null',
    last_day: 'null',
  },
  report_digests: { user_id: 'not null', week_start: 'not null', sent_at: 'not null' },
  price_lists: { name: 'not null', region: 'null', created_at: 'not null', updated_at: 'not null' },
  prices: {
    price_list: 'not null',
    sku: 'not null',
    price_minor: 'not null',
    effective_from: 'null',
    effective_to: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  products: {
    sku: 'not null',
    name: 'not null',
    unit: 'not null',
    pack_size: 'not null',
    piece_unit: 'null',
    list_price_minor: 'not null',
    aliases: 'not null',
    brand: 'null',
    category: 'null',
    tax_rate_bp: 'not null',
    active: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  rep_dealers: { rep_code: 'not null', dealer_code: 'not null', created_at: 'not null' },
  rep_emails: { email: 'not null', rep_code: 'not null', created_at: 'not null' },
  rep_phones: { phone: 'not null', rep_code: 'not null', created_at: 'not null' },
  reps: {
    code: 'not null',
    name: 'not null',
    active: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
};

describe('schema.ts', () => {
  it('matches the migrated tables, columns and nullability exactly', async () => {
    const empty = await createEmptyDatabase();
    const db = createDatabase({ url: empty.url, max: 1 });
    try {
      await migrateToLatest(db);
      const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
        SELECT table_name, column_name, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely\\_%'`.execute(db);
      const actual: Record<string, Record<string, string>> = {};
      for (const r of rows) {
        (actual[r.table_name] ??= {})[r.column_name] =
          r.is_nullable === 'YES' ? 'null' : 'not null';
      }
      expect(actual).toEqual(expectedSchema);
    } finally {
      await db.destroy();
      await empty.destroy();
    }
  });
});

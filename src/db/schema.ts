/**
 * Table types for Kysely, written by hand to match migrations/ exactly (a
 * test compares them with information_schema). Conventions:
 *
 * - `Generated<T>` only wraps plain types; defaulted ColumnTypes have their own
 *   aliases (`DefaultTimestamp`, `DefaultMoney`), since Generated does not unwrap them.
 * - `Money` / int8 columns are JS `bigint` (see database.ts type parsers).
 * - timestamptz reads as `Date`; `date` reads as a `YYYY-MM-DD` string.
 * - jsonb reads as the parsed value and is written as JSON text: pass
 *   `toJson(value)` (pg would turn a JS array into a PG array literal).
 */
import type {
  ColumnType,
  Generated,
  GeneratedAlways,
  Insertable,
  Selectable,
  Updateable,
} from 'kysely';

/** A bigint column: money in minor units, ids, counts. */
export type Int8 = ColumnType<bigint, bigint, bigint>;
/** Minor currency units (paise, cents). Never a JS float. */
export type Money = Int8;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz with a default (now()): optional on insert. */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Money with a default (0): optional on insert. */
export type DefaultMoney = ColumnType<bigint, bigint | undefined, bigint>;
/** A calendar day, `YYYY-MM-DD`. */
export type DateOnly = string;
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };
/** jsonb: read as T, written as JSON text (see `toJson`). */
export type Jsonb<T = JsonValue> = ColumnType<T, string, string>;
type DefaultTextArray = ColumnType<string[], string[] | undefined, string[]>;

export const CHANNELS = ['whatsapp', 'email', 'transcript', 'webchat'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CREDIT_POLICIES = ['hold', 'block'] as const;
export type CreditPolicy = (typeof CREDIT_POLICIES)[number];

export const INBOUND_STATUSES = ['received', 'parsed', 'needs_review', 'done', 'failed'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export const ORDER_STATUSES = [
  'needs_review',
  'awaiting_confirmation',
  'confirmed',
  'held_credit',
  'held_price',
  'blocked',
  'cancelled',
  'rejected',
  'exported',
  'invoiced',
  'dispatched',
  'delivered',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What ingestion had to do to a message's text to store it. */
export const TEXT_FLAGS = ['empty', 'truncated', 'invalid_utf8', 'nul_replaced', 'binary'] as const;
export type TextFlag = (typeof TEXT_FLAGS)[number];

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const LEDGER_KINDS = [
  'invoice',
  'payment',
  'credit_note',
  'debit_note',
  'adjustment',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const API_TOKEN_ROLES = [
  'admin',
  'ops',
  'finance',
  'sales_manager',
  'manager',
  'integration',
] as const;
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number];

/** Ops console roles (what each may do: src/http/console/roles.ts). */
export const USER_ROLES = ['ops', 'sales_manager', 'finance', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface PriceListsTable {
  name: string;
  region: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface DealersTable {
  code: string;
  name: string;
  region: string | null;
  price_list: string | null;
  /** null: no limit. */
  credit_limit_minor: Money | null;
  credit_policy: Generated<CreditPolicy>;
  auto_confirm: Generated<boolean>;
  language: Generated<string>;
  /** Hold/block when an invoice is more than this many days overdue; null: no rule. */
  overdue_days: number | null;
  active: Generated<boolean>;
  /** on: straight through when sure; pilot: every order to a person; off: answered, not priced. */
  rollout: Generated<Rollout>;
  /** Remind the dealer when their usual ordering interval has passed (opt-in). */
  usual_order_reminder: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export const ROLLOUTS = ['on', 'pilot', 'off'] as const;
export type Rollout = (typeof ROLLOUTS)[number];

/** A channel where a dealer's rollout differs from the dealer's own. */
export interface DealerChannelRolloutTable {
  dealer_code: string;
  channel: Channel;
  rollout: Rollout;
  updated_at: DefaultTimestamp;
}

export interface DealerPhonesTable {
  /** E.164. */
  phone: string;
  dealer_code: string;
  created_at: DefaultTimestamp;
}

export interface DealerEmailsTable {
  /** Lower-cased. */
  email: string;
  dealer_code: string;
  created_at: DefaultTimestamp;
}

export interface RepsTable {
  code: string;
  name: string;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface RepPhonesTable {
  phone: string;
  rep_code: string;
  created_at: DefaultTimestamp;
}

export interface RepEmailsTable {
  email: string;
  rep_code: string;
  created_at: DefaultTimestamp;
}

export interface RepDealersTable {
  rep_code: string;
  dealer_code: string;
  created_at: DefaultTimestamp;
}

export interface ProductsTable {
  sku: string;
  name: string;
  unit: string;
  pack_size: Generated<number>;
  piece_unit: string | null;
  list_price_minor: Money;
  aliases: DefaultTextArray;
  brand: string | null;
  category: string | null;
  /** Basis points: 1800 = 18%. */
  tax_rate_bp: Generated<number>;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PricesTable {
  price_list: string;
  sku: string;
  price_minor: Money;
  /** Inclusive; null: since always. */
  effective_from: DateOnly | null;
  /** Inclusive; null: until further notice. */
  effective_to: DateOnly | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface LearnedAliasesTable {
  id: GeneratedAlways<bigint>;
  /** null: applies to every dealer. */
  dealer_code: string | null;
  alias: string;
  sku: string;
  created_by: string;
  created_at: DefaultTimestamp;
}

export interface DealerCreditTable {
  dealer_code: string;
  /** Sum of the dealer's ledger entries. */
  outstanding_minor: DefaultMoney;
  /** Confirmed orders not yet invoiced. */
  open_orders_minor: DefaultMoney;
  temp_limit_minor: Money | null;
  temp_limit_expires_at: Timestamp | null;
  updated_at: DefaultTimestamp;
}

export interface LedgerEntriesTable {
  id: GeneratedAlways<bigint>;
  dealer_code: string;
  kind: LedgerKind;
  /** Signed: positive raises what the dealer owes. */
  amount_minor: Money;
  reference: string | null;
  due_date: DateOnly | null;
  settled_at: Timestamp | null;
  note: string | null;
  occurred_at: DefaultTimestamp;
  created_at: DefaultTimestamp;
  /** The order an invoice bills (0050). */
  order_id: string | null;
}

export interface ConversationsTable {
  id: Generated<string>;
  channel: Channel;
  sender: string;
  dealer_code: string | null;
  language: string | null;
  pending: Jsonb | null;
  pending_expires_at: Timestamp | null;
  last_inbound_at: Timestamp | null;
  last_outbound_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface InboundMessagesTable {
  id: Generated<string>;
  channel: Channel;
  external_id: string;
  sender: string;
  dealer_code: string | null;
  rep_code: string | null;
  conversation_id: string | null;
  text: string;
  subject: string | null;
  attachments: ColumnType<JsonValue[], string | undefined, string>;
  received_at: Timestamp;
  status: Generated<InboundStatus>;
  error: string | null;
  parse_result: Jsonb | null;
  attempts: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** What ingestion did to the text (see `TEXT_FLAGS`). */
  text_flags: DefaultTextArray;
  /** Size of the text as delivered, in bytes; null when not known. */
  original_bytes: number | null;
  /** Why the channel says a person must see it before anything is confirmed (DMARC fail, unreadable mail); null: none. */
  review_hold: string | null;
  /** When its files were read and their text composed into `text` (0080); null: no files, or not yet. */
  files_read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The distributor's own account it came in on: the WhatsApp Cloud business number id (0082); null: one account. */
  channel_account: ColumnType<string | null, string | null | undefined, string | null>;
}

export const INBOUND_FILE_KINDS = [
  'document',
  'image',
  'voice',
  'audio',
  'video',
  'other',
] as const;
export type InboundFileKind = (typeof INBOUND_FILE_KINDS)[number];
export const INBOUND_FILE_STATUSES = ['pending', 'read', 'refused', 'unreadable'] as const;
export type InboundFileStatus = (typeof INBOUND_FILE_STATUSES)[number];
export const FILE_REFUSALS = [
  'too_large',
  'type_mismatch',
  'unsupported_type',
  'unavailable',
] as const;
export type FileRefusal = (typeof FILE_REFUSALS)[number];

/** A file that came with a message (0080); its bytes go after the retention period. */
export interface InboundFilesTable {
  id: Generated<string>;
  inbound_message_id: string;
  position: number;
  kind: InboundFileKind;
  source: 'whatsapp-cloud' | 'whatsapp-web';
  media_id: string | null;
  filename: string | null;
  /** The MIME type the channel or the sender's phone declared. */
  declared_type: string | null;
  /** The MIME type the bytes themselves show (magic bytes). */
  sniffed_type: string | null;
  size_bytes: Int8 | null;
  sha256: string | null;
  content: Buffer | null;
  status: Generated<InboundFileStatus>;
  refusal: FileRefusal | null;
  detail: string | null;
  reading: Jsonb | null;
  attempts: Generated<number>;
  purged_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** Per IMAP account + mailbox: the UIDVALIDITY seen and the last UID durably stored. */
export interface EmailCheckpointsTable {
  account: string;
  mailbox: string;
  uid_validity: Int8;
  last_uid: ColumnType<bigint, bigint | undefined, bigint>;
  updated_at: DefaultTimestamp;
}

/** What a reply needs to thread under an inbound email, by its external id. */
export interface EmailThreadsTable {
  external_id: string;
  message_id: string | null;
  subject: string | null;
  reference_ids: DefaultTextArray;
  created_at: DefaultTimestamp;
}

export interface OrdersTable {
  id: Generated<string>;
  order_no: GeneratedAlways<bigint>;
  dealer_code: string | null;
  rep_code: string | null;
  inbound_message_id: string | null;
  draft_no: Generated<number>;
  channel: Channel;
  status: OrderStatus;
  status_reason: string | null;
  subtotal_minor: DefaultMoney;
  discount_minor: DefaultMoney;
  tax_minor: DefaultMoney;
  total_minor: DefaultMoney;
  price_explanation: ColumnType<JsonValue[], string | undefined, string>;
  review_reasons: ColumnType<JsonValue[], string | undefined, string>;
  confirmed_at: Timestamp | null;
  invoiced_at: Timestamp | null;
  /** Bumped when a confirmed order's content changes; exports are keyed by id:version. */
  version: Generated<number>;
  exported_at: Timestamp | null;
  dispatched_at: Timestamp | null;
  delivered_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrderLinesTable {
  order_id: string;
  line_no: number;
  sku: string;
  /** In the product's sales unit. */
  qty: number;
  list_price_minor: Money | null;
  /** null until priced. */
  unit_price_minor: Money | null;
  requested_price_minor: Money | null;
  discount_minor: DefaultMoney;
  tax_rate_bp: Generated<number>;
  tax_minor: DefaultMoney;
  line_total_minor: Money | null;
  price_explanation: ColumnType<JsonValue[], string | undefined, string>;
  source_text: string | null;
  /** Free goods from a buy-get scheme (zero price). */
  free: Generated<boolean>;
}

export interface OutboxTable {
  id: Generated<string>;
  channel: Channel;
  recipient: string;
  conversation_id: string | null;
  inbound_message_id: string | null;
  order_id: string | null;
  kind: string;
  body: string;
  idempotency_key: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamp;
  external_id: string | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  sent_at: Timestamp | null;
  /** What the provider reported after accepting it; only moves up (see `DELIVERY_STATUSES`). */
  delivery_status: DeliveryStatus | null;
  delivery_status_at: Timestamp | null;
  delivery_error: string | null;
}

/** Provider delivery reports, in rank order; `failed` is final. */
export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A long-lived channel adapter's state (whatsapp-web, whatsapp-cloud), written by its owner. */
export interface ChannelStatesTable {
  channel: string;
  state: string;
  since: DefaultTimestamp;
  detail: string | null;
  /** A `data:image/png;base64,...` QR while the state is `qr_needed`. */
  qr_data_url: string | null;
  heartbeat_at: DefaultTimestamp;
}

/** The best delivery status seen per WhatsApp message id (callbacks may beat the outbox write). */
export interface WhatsappDeliveryStatusesTable {
  external_id: string;
  status: DeliveryStatus;
  status_at: Timestamp;
  error: string | null;
  updated_at: DefaultTimestamp;
}

/** The next free send time per pacing key, shared by every process. */
export interface SendSlotsTable {
  key: string;
  next_at: Timestamp;
}

export interface AuditEventsTable {
  id: GeneratedAlways<bigint>;
  entity_type: string;
  entity_id: string;
  action: string;
  actor: string;
  reason: string | null;
  data: ColumnType<JsonObject, string | undefined, string>;
  at: DefaultTimestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  /** sha256 of the token, hex. */
  token_hash: string;
  role: Generated<ApiTokenRole>;
  created_at: DefaultTimestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** An ops console user; the password is an argon2id hash (PHC string). */
export interface UsersTable {
  id: Generated<string>;
  /** Lower-cased. */
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  last_login_at: Timestamp | null;
  /** Gets the weekly report digest by email (0075). */
  weekly_digest: Generated<boolean>;
}

/** A console session; `id` is the sha256 (hex) of the cookie value. */
export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
}

/** One row: bumped with every change to what the parser compiles. */
export interface MasterDataVersionTable {
  id: Generated<boolean>;
  version: ColumnType<bigint, bigint | undefined, bigint>;
}

/** Counters of rarely changed rows workers cache (migration 0081), bumped by triggers. */
export interface ReadCacheVersionsTable {
  id: Generated<boolean>;
  learned_aliases: ColumnType<bigint, bigint | undefined, bigint>;
  rollout: ColumnType<bigint, bigint | undefined, bigint>;
  pricing_rules: ColumnType<bigint, bigint | undefined, bigint>;
}

export interface DB {
  api_tokens: ApiTokensTable;
  // pricing and approvals (0040)
  approvals: ApprovalsTable;
  discount_authorities: DiscountAuthoritiesTable;
  schemes: SchemesTable;
  slabs: SlabsTable;
  audit_events: AuditEventsTable;
  channel_states: ChannelStatesTable;
  conversations: ConversationsTable;
  dealer_credit: DealerCreditTable;
  dealer_emails: DealerEmailsTable;
  dealer_phones: DealerPhonesTable;
  dealers: DealersTable;
  dealer_channel_rollout: DealerChannelRolloutTable;
  email_checkpoints: EmailCheckpointsTable;
  email_threads: EmailThreadsTable;
  inbound_messages: InboundMessagesTable;
  inbound_files: InboundFilesTable;
  learned_aliases: LearnedAliasesTable;
  ledger_entries: LedgerEntriesTable;
  master_data_version: MasterDataVersionTable;
  read_cache_versions: ReadCacheVersionsTable;
  order_lines: OrderLinesTable;
  orders: OrdersTable;
  outbox: OutboxTable;
  price_lists: PriceListsTable;
  prices: PricesTable;
  products: ProductsTable;
  // ops console
  sessions: SessionsTable;
  users: UsersTable;
  rep_dealers: RepDealersTable;
  rep_emails: RepEmailsTable;
  rep_phones: RepPhonesTable;
  reps: RepsTable;
  send_slots: SendSlotsTable;
  whatsapp_delivery_statuses: WhatsappDeliveryStatusesTable;
  // accounting loop (0050)
  dispatches: DispatchesTable;
  deliveries: DeliveriesTable;
  export_targets: ExportTargetsTable;
  export_deliveries: ExportDeliveriesTable;
  // dealer portal (0070)
  portal_links: PortalLinksTable;
  portal_sessions: PortalSessionsTable;
  usual_order_reminders: UsualOrderRemindersTable;
  review_claims: ReviewClaimsTable;
  app_settings: AppSettingsTable;
  channel_settings: ChannelSettingsTable;
  // reports (0075)
  report_dirty_days: ReportDirtyDaysTable;
  report_dealer_days: ReportDealerDaysTable;
  report_dealer_months: ReportDealerMonthsTable;
  report_product_days: ReportProductDaysTable;
  report_product_months: ReportProductMonthsTable;
  report_network_days: ReportNetworkDaysTable;
  report_network_months: ReportNetworkMonthsTable;
  report_brand_days: ReportBrandDaysTable;
  report_brand_months: ReportBrandMonthsTable;
  report_dealer_trends: ReportDealerTrendsTable;
  report_digests: ReportDigestsTable;
}

/** A day whose rollups must be rebuilt; appended by a trigger on `orders` (0075). */
export interface ReportDirtyDaysTable {
  id: GeneratedAlways<bigint>;
  day: DateOnly;
}

/** Confirmed orders of one dealer and channel on one India day: net value before tax. */
export interface ReportDealerDaysTable {
  day: DateOnly;
  dealer_code: string;
  region: string;
  channel: Channel;
  orders: number;
  lines: number;
  quantity: string;
  value_minor: Money;
}

export interface ReportDealerMonthsTable extends Omit<ReportDealerDaysTable, 'day'> {
  /** First day of the month. */
  month: DateOnly;
}

/** Paid lines of one product in one region on one India day. */
export interface ReportProductDaysTable {
  day: DateOnly;
  sku: string;
  region: string;
  orders: number;
  quantity: string;
  value_minor: Money;
}

export interface ReportProductMonthsTable extends Omit<ReportProductDaysTable, 'day'> {
  month: DateOnly;
}

/** The whole network by region and channel on one India day. */
export interface ReportNetworkDaysTable {
  day: DateOnly;
  region: string;
  channel: Channel;
  orders: number;
  lines: number;
  quantity: string;
  value_minor: Money;
}

export interface ReportNetworkMonthsTable extends Omit<ReportNetworkDaysTable, 'day'> {
  month: DateOnly;
}

/** Paid lines by brand, category and region on one India day ('' for none). */
export interface ReportBrandDaysTable {
  day: DateOnly;
  brand: string;
  category: string;
  region: string;
  orders: number;
  quantity: string;
  value_minor: Money;
}

export interface ReportBrandMonthsTable extends Omit<ReportBrandDaysTable, 'day'> {
  month: DateOnly;
}

/** A dealer's trend windows as of one India day (src/services/reports/dealer-trends.ts). */
export interface ReportDealerTrendsTable {
  dealer_code: string;
  as_of: DateOnly;
  current_minor: Money;
  prior_minor: Money;
  last_year_minor: Money;
  order_days: number;
  first_day: DateOnly | null;
  last_day: DateOnly | null;
}

export interface ReportDigestsTable {
  user_id: string;
  /** Monday of the week the digest covers. */
  week_start: DateOnly;
  sent_at: DefaultTimestamp;
}

// ---------------------------------------------------------------- accounting loop (0050)

export interface DispatchesTable {
  id: Generated<string>;
  order_id: string;
  dispatched_on: DateOnly;
  transporter: string | null;
  lr_number: string | null;
  vehicle: string | null;
  /** [{sku, qty}] shipped; [] = the whole order. */
  lines: ColumnType<JsonValue[], string | undefined, string>;
  created_by: string;
  created_at: DefaultTimestamp;
}

export interface DeliveriesTable {
  id: Generated<string>;
  order_id: string;
  delivered_on: DateOnly;
  received_by: string | null;
  /** [{sku, qty}] short on arrival. */
  shortages: ColumnType<JsonValue[], string | undefined, string>;
  created_by: string;
  created_at: DefaultTimestamp;
}

export const EXPORT_TARGET_KINDS = ['webhook', 'csv', 'xlsx', 'tally'] as const;
export type ExportTargetKind = (typeof EXPORT_TARGET_KINDS)[number];

export interface ExportTargetsTable {
  id: Generated<string>;
  name: string;
  kind: ExportTargetKind;
  config: ColumnType<JsonObject, string | undefined, string>;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export const EXPORT_DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type ExportDeliveryStatus = (typeof EXPORT_DELIVERY_STATUSES)[number];

export interface ExportDeliveriesTable {
  id: Generated<string>;
  target_id: string;
  order_id: string;
  order_version: number;
  status: Generated<ExportDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamp;
  last_error: string | null;
  response_status: number | null;
  location: string | null;
  delivered_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export type TableName = keyof DB;
/** A row as read. */
export type Row<T extends TableName> = Selectable<DB[T]>;
/** A row as inserted (generated and defaulted columns optional). */
export type NewRow<T extends TableName> = Insertable<DB[T]>;
/** A partial row as updated. */
export type RowUpdate<T extends TableName> = Updateable<DB[T]>;

export type Dealer = Row<'dealers'>;
export type Rep = Row<'reps'>;
export type Product = Row<'products'>;
export type Price = Row<'prices'>;
export type DealerCredit = Row<'dealer_credit'>;
export type LedgerEntry = Row<'ledger_entries'>;
export type Conversation = Row<'conversations'>;
export type InboundMessage = Row<'inbound_messages'>;
export type InboundFile = Row<'inbound_files'>;
export type Order = Row<'orders'>;
export type OrderLine = Row<'order_lines'>;
export type OutboxMessage = Row<'outbox'>;
export type AuditEvent = Row<'audit_events'>;
export type ApiToken = Row<'api_tokens'>;
export type LearnedAlias = Row<'learned_aliases'>;
export type User = Row<'users'>;
export type Session = Row<'sessions'>;
export type Dispatch = Row<'dispatches'>;
export type Delivery = Row<'deliveries'>;
export type ExportTarget = Row<'export_targets'>;
export type ExportDelivery = Row<'export_deliveries'>;

export type { Insertable, Selectable, Updateable };

// ---------------------------------------------------------------- pricing and approvals (0040)

/** A volume slab tier (see src/domain/pricing/types.ts Slab). */
export interface SlabsTable {
  id: string;
  target_kind: 'sku' | 'brand' | 'category';
  target_value: string;
  basis: 'qty' | 'amount';
  threshold: Int8;
  discount_bp: number;
  price_list: string | null;
  valid_from: DateOnly | null;
  valid_to: DateOnly | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** A scheme; `rule` holds the kind's parameters as JSON (money as strings of minor units). */
export interface SchemesTable {
  id: string;
  name: string;
  kind: 'buy_get' | 'percent_off' | 'flat_off' | 'order_value';
  rule: Jsonb<JsonObject>;
  stacking: 'exclusive' | 'best' | 'priority';
  priority: Generated<number>;
  valid_from: DateOnly | null;
  valid_to: DateOnly | null;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  price_lists: ColumnType<string[], string[] | undefined, string[]>;
  dealers: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type ApprovalKind = 'price' | 'credit';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'superseded';

/** A price exception or credit hold waiting for (or decided by) a person. */
export interface ApprovalsTable {
  id: Generated<string>;
  order_id: string;
  kind: ApprovalKind;
  status: ColumnType<ApprovalStatus, ApprovalStatus | undefined, ApprovalStatus>;
  data: Jsonb<JsonObject | JsonValue[]>;
  requested_by: string;
  decided_by: string | null;
  note: string | null;
  created_at: DefaultTimestamp;
  decided_at: Timestamp | null;
}

export interface DiscountAuthoritiesTable {
  principal: string;
  max_discount_bp: number;
  created_at: DefaultTimestamp;
}

export type Approval = Row<'approvals'>;

// ---------------------------------------------------------------- dealer portal (0070)

/** A sign-in link: the sha256 of its token, single-use, short-lived. */
export interface PortalLinksTable {
  id: string;
  dealer_code: string;
  /** Who asked: `dealer:<channel>` or `user:<email>` / `cli`. */
  requested_by: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** One signed-in device of a dealer: the sha256 of its cookie. */
export interface PortalSessionsTable {
  id: string;
  dealer_code: string;
  csrf_token: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  revoked_at: Timestamp | null;
}
export type PortalSession = Selectable<PortalSessionsTable>;

/** One "usual order?" reminder per dealer per last order (0071). */
export interface UsualOrderRemindersTable {
  dealer_code: string;
  after_order_id: string;
  sent_at: DefaultTimestamp;
}

/** Who is on a review-queue item (0072): `order:<id>` or `message:<id>`. */
export interface ReviewClaimsTable {
  item_key: string;
  user_id: string;
  claimed_at: DefaultTimestamp;
}

/** The service's own settings, one row (0073): defaults for dealers an import creates. */
export interface AppSettingsTable {
  id: Generated<boolean>;
  default_credit_policy: Generated<CreditPolicy>;
  default_overdue_days: number | null;
  updated_at: DefaultTimestamp;
}

/** A channel's rollout for every dealer (0074); no row: `on`. */
export interface ChannelSettingsTable {
  channel: Channel;
  rollout: Rollout;
  updated_at: DefaultTimestamp;
}

/**
 * Credit: one row per dealer holding the running figures the credit check
 * needs, and the ledger those figures come from.
 *
 * The confirmation transaction locks the dealer's `dealer_credit` row
 * (SELECT ... FOR UPDATE) before reading exposure and writing the order, so
 * two orders arriving together serialize on it.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE dealer_credit (
      dealer_code               text PRIMARY KEY REFERENCES dealers (code) ON DELETE CASCADE,
      -- what the dealer owes now: the sum of ledger_entries.amount_minor
      outstanding_minor         bigint NOT NULL DEFAULT 0,
      -- confirmed orders not yet invoiced
      open_orders_minor         bigint NOT NULL DEFAULT 0 CHECK (open_orders_minor >= 0),
      -- a temporary limit that replaces dealers.credit_limit_minor until it expires
      temp_limit_minor          bigint CHECK (temp_limit_minor >= 0),
      temp_limit_expires_at     timestamptz,
      updated_at                timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT dealer_credit_temp_limit_check
        CHECK ((temp_limit_minor IS NULL) = (temp_limit_expires_at IS NULL))
    )`,

  // amount_minor is signed: positive raises what the dealer owes (invoice,
  // debit note), negative lowers it (payment, credit note).
  sql`
    CREATE TABLE ledger_entries (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      dealer_code   text NOT NULL REFERENCES dealers (code) ON DELETE CASCADE,
      kind          text NOT NULL
                    CHECK (kind IN ('invoice', 'payment', 'credit_note', 'debit_note', 'adjustment')),
      amount_minor  bigint NOT NULL,
      -- the ERP's document number; unique per dealer and kind when given
      reference     text,
      -- invoices only: when payment falls due, and when it was settled
      due_date      date,
      settled_at    timestamptz,
      note          text,
      occurred_at   timestamptz NOT NULL DEFAULT now(),
      created_at    timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ledger_entries_dealer_code_kind_reference_key UNIQUE (dealer_code, kind, reference),
      CONSTRAINT ledger_entries_due_date_check CHECK (due_date IS NULL OR kind = 'invoice')
    )`,
  sql`CREATE INDEX ledger_entries_dealer_code_occurred_at_idx ON ledger_entries (dealer_code, occurred_at)`,
  // the overdue rule: any unsettled invoice past its due date
  sql`
    CREATE INDEX ledger_entries_open_invoices_idx ON ledger_entries (dealer_code, due_date)
      WHERE kind = 'invoice' AND settled_at IS NULL`,

  sql`CREATE TRIGGER dealer_credit_set_updated_at BEFORE UPDATE ON dealer_credit
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

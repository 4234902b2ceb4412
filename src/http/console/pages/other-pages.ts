/**
 * Approvals (credit holds, price exceptions), orders (search and detail),
 * dealers (credit position and history), channels, and the login page.
 */
import { CHANNELS, ORDER_STATUSES, type JsonValue } from '../../../db/schema.js';
import type {
  DealerRow,
  ExchangedMessage,
  HeldOrder,
  OrderDetail,
  OrderRow,
  OrderSearchInput,
  PolicyAccounting,
} from '../../../repositories/read-models/console.read-model.js';
import { formatMinor } from '../../../domain/money.js';
import { describePriceStep, isPriceStep } from '../../../domain/pricing/explain-price.js';
import { html, money, raw, statusBadge, statusLabel, when, type SafeHtml } from '../html.js';
import { reasonList } from './review-pages.js';

export function loginBody(input: {
  csrf: string;
  next: string;
  email: string;
  error: string | null;
  notice: string | null;
}): SafeHtml {
  return html`<div class="login">
    <div class="brand"><span class="logo" aria-hidden="true">OD</span><span>Order Desk</span></div>
    <h1>Sign in to the ops console</h1>
    ${input.error ? html`<p class="flash error" role="alert">${input.error}</p>` : ''}
    ${input.notice ? html`<p class="flash ok" role="status">${input.notice}</p>` : ''}
    <form method="post" action="/console/login">
      <input type="hidden" name="_csrf" value="${input.csrf}" />
      <input type="hidden" name="next" value="${input.next}" />
      <div class="field">
        <label for="email">Email</label>
        <input
          type="email"
          id="email"
          name="email"
          value="${input.email}"
          autocomplete="username"
          required
          autofocus
        />
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="current-password"
          required
        />
      </div>
      <button type="submit">Sign in</button>
    </form>
    <p class="small muted">
      No login yet? An admin makes one in Settings, or on the server:
      <code>npm run cli -- user create --email YOU --role admin</code> (a password of 10+
      characters). <code>npm start -- --demo</code> prints one it made.
    </p>
  </div>`;
}

function creditFigures(o: HeldOrder) {
  const exposure = o.outstandingMinor + o.openOrdersMinor;
  const available = o.limitMinor === null ? null : o.limitMinor - exposure;
  return { exposure, available };
}

export function approvalsBody(input: {
  credit: HeldOrder[];
  price: HeldOrder[];
  csrf: string;
  canCredit: boolean;
  canPrice: boolean;
  priceAction: boolean;
}): SafeHtml {
  const creditRows = input.credit.map((o) => {
    const f = creditFigures(o);
    return html`<tr>
      <td>
        <a href="/console/orders/${o.id}">#${o.orderNo}</a>
        <div class="small muted">
          ${o.dealerName ?? ''} <span class="mono">${o.dealerCode ?? ''}</span>
        </div>
        <div class="small">${o.statusReason ?? ''}</div>
      </td>
      <td class="num">${money(o.totalMinor)}</td>
      <td class="num">${money(f.exposure)}</td>
      <td class="num">${money(o.limitMinor)}</td>
      <td class="num ${f.available !== null && f.available < o.totalMinor ? 'bad' : ''}">
        ${money(f.available)}
      </td>
      <td class="num">
        ${
          o.oldestOverdueDays === null
            ? '—'
            : html`${money(o.overdueMinor)}
                <div class="small muted">${o.oldestOverdueDays} d</div>`
        }
      </td>
      <td>
        ${
          input.canCredit
            ? html`<form
                method="post"
                action="/console/approvals/credit/${o.id}"
                class="inline-form"
              >
                <input type="hidden" name="_csrf" value="${input.csrf}" />
                <div class="field">
                  <label for="note-${o.id}" class="visually-hidden">Note for #${o.orderNo}</label>
                  <input
                    type="text"
                    id="note-${o.id}"
                    name="note"
                    placeholder="Reason (to reject)"
                    title="Needed to reject: the dealer is told it"
                  />
                </div>
                <button type="submit" name="decision" value="approve" class="small">Approve</button>
                <button type="submit" name="decision" value="reject" class="small danger">
                  Reject
                </button>
              </form>`
            : html`<span class="muted small">Finance decides</span>`
        }
      </td>
    </tr>`;
  });
  const priceRows = input.price.map(
    (o) =>
      html`<tr>
        <td>
          <a href="/console/orders/${o.id}">#${o.orderNo}</a>
          <div class="small muted">
            ${o.dealerName ?? ''} <span class="mono">${o.dealerCode ?? ''}</span>
          </div>
        </td>
        <td>
          ${
            o.priceRequests.length > 0
              ? html`<ul class="plain small">
                  ${o.priceRequests.map(
                    (p) =>
                      html`<li>
                        <span class="mono">${p.sku}</span>: asked ${money(p.requestedMinor)},
                        allowed ${money(p.allowedMinor)}
                        <span class="muted">(${(p.discountBp / 100).toFixed(2)}% below)</span>
                      </li>`,
                  )}
                </ul>`
              : (o.statusReason ?? '')
          }
        </td>
        <td class="num">${money(o.totalMinor)}</td>
        <td>
          ${
            input.canPrice
              ? html`<form
                  method="post"
                  action="/console/approvals/price/${o.id}"
                  class="inline-form"
                >
                  <input type="hidden" name="_csrf" value="${input.csrf}" />
                  <div class="field">
                    <label for="pnote-${o.id}" class="visually-hidden"
                      >Note for #${o.orderNo}</label
                    >
                    <input
                      type="text"
                      id="pnote-${o.id}"
                      name="note"
                      placeholder="Reason (to reject)"
                      title="Needed to reject: the dealer is told it"
                    />
                  </div>
                  <button type="submit" name="decision" value="approve" class="small">
                    Approve
                  </button>
                  <button type="submit" name="decision" value="reject" class="small danger">
                    Reject
                  </button>
                </form>`
              : html`<span class="muted small">A sales manager decides ·</span>
                  <a class="small" href="/console/orders/${o.id}">see the order</a>`
          }
        </td>
      </tr>`,
  );
  return html`<div class="head">
      <div>
        <h1>Approvals</h1>
        <p class="sub">
          Orders held for a decision. The dealer hears the outcome on the channel they ordered on.
        </p>
      </div>
    </div>
    <section class="card flush" aria-labelledby="credit-h">
      <div class="card-head">
        <h2 id="credit-h">Credit holds <span class="badge">${input.credit.length}</span></h2>
      </div>
      ${
        input.credit.length === 0
          ? html`<div class="empty">
              <strong>No credit holds</strong>Orders over a dealer's limit or with overdue invoices
              wait here for finance.
            </div>`
          : html`<table>
              <caption class="visually-hidden">
                Orders held on credit
              </caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col" class="num">Total</th>
                  <th scope="col" class="num">Exposure</th>
                  <th scope="col" class="num">Limit</th>
                  <th scope="col" class="num">Available</th>
                  <th scope="col" class="num">Overdue</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                ${creditRows}
              </tbody>
            </table>`
      }
    </section>
    <section class="card flush" aria-labelledby="price-h">
      <div class="card-head">
        <h2 id="price-h">Price exceptions <span class="badge">${input.price.length}</span></h2>
        ${input.priceAction ? '' : html`<p class="disabled-note">Deciding price exceptions arrives with the pricing policy service; until then they are listed here for sales managers to see.</p>`}
      </div>
      ${
        input.price.length === 0
          ? html`<div class="empty">
              <strong>No price exceptions</strong>Orders asking for a price below what is allowed
              wait here for a sales manager.
            </div>`
          : html`<table>
              <caption class="visually-hidden">
                Orders held on price
              </caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Requested vs allowed</th>
                  <th scope="col" class="num">Total</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                ${priceRows}
              </tbody>
            </table>`
      }
    </section>`;
}

export function ordersBody(orders: OrderRow[], filters: OrderSearchInput): SafeHtml {
  const opt = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}" ${selected ? raw('selected') : ''}>${label}</option>`;
  return html`<div class="head">
      <div>
        <h1>Orders</h1>
        <p class="sub">Newest first. Filter by dealer, status, channel or date.</p>
      </div>
    </div>
    <form class="card filters" method="get" action="/console/orders" role="search">
      <div>
        <label for="f-dealer">Dealer</label
        ><input
          type="search"
          id="f-dealer"
          name="dealer"
          value="${filters.dealer ?? ''}"
          placeholder="Code or name"
          data-dealer-search
          autocomplete="off"
        />
      </div>
      <div>
        <label for="f-status">Status</label
        ><select id="f-status" name="status">
          ${opt('', 'Any status', !filters.status)}${ORDER_STATUSES.map((s) => opt(s, statusLabel(s), filters.status === s))}
        </select>
      </div>
      <div>
        <label for="f-channel">Channel</label
        ><select id="f-channel" name="channel">
          ${opt('', 'Any channel', !filters.channel)}${CHANNELS.map((c) => opt(c, c, filters.channel === c))}
        </select>
      </div>
      <div>
        <label for="f-from">From</label
        ><input type="date" id="f-from" name="from" value="${filters.from ?? ''}" />
      </div>
      <div>
        <label for="f-to">To</label
        ><input type="date" id="f-to" name="to" value="${filters.to ?? ''}" />
      </div>
      <div><button type="submit">Search</button></div>
    </form>
    <datalist id="dealer-options"></datalist>
    <div class="card flush">
      ${
        orders.length === 0
          ? html`<div class="empty"><strong>No orders match</strong>Try fewer filters.</div>`
          : html`<table>
              <caption class="visually-hidden">
                Orders
              </caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Dealer</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="hide-narrow">Channel</th>
                  <th scope="col" class="num">Total</th>
                  <th scope="col" class="num">Created</th>
                </tr>
              </thead>
              <tbody>
                ${orders.map(
                  (o) =>
                    html`<tr class="row-link">
                      <td><a class="open" href="/console/orders/${o.id}">#${o.orderNo}</a></td>
                      <td>
                        ${o.dealerName ?? '—'} <span class="mono muted">${o.dealerCode ?? ''}</span>
                      </td>
                      <td>${statusBadge(o.status)}</td>
                      <td class="hide-narrow">${o.channel}</td>
                      <td class="num">${money(o.totalMinor)}</td>
                      <td class="num">${when(o.createdAt)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </div>`;
}

function explain(steps: JsonValue[]): SafeHtml {
  const items = steps.map((s) => {
    if (typeof s === 'string') return html`<li>${s}</li>`;
    if (isPriceStep(s)) return html`<li>${describePriceStep(s)}</li>`;
    if (typeof s === 'object' && s !== null && !Array.isArray(s)) {
      const label = String(s.label ?? s.rule ?? s.kind ?? s.step ?? s.source ?? '');
      const amount =
        typeof s.amount_minor === 'string' || typeof s.amount_minor === 'number'
          ? money(BigInt(s.amount_minor))
          : typeof s.price_minor === 'string' || typeof s.price_minor === 'number'
            ? money(BigInt(s.price_minor))
            : '';
      const text = label !== '' ? `${label}${amount ? `: ${amount}` : ''}` : JSON.stringify(s);
      return html`<li>${text}</li>`;
    }
    return html`<li>${JSON.stringify(s)}</li>`;
  });
  return items.length === 0
    ? html`<span class="muted">—</span>`
    : html`<ul class="reasons small">
        ${items}
      </ul>`;
}

export function orderDetailBody(input: {
  order: OrderDetail;
  audit: {
    action: string;
    actor: string;
    reason: string | null;
    data: Record<string, JsonValue>;
    at: Date;
  }[];
  messages: ExchangedMessage[];
}): SafeHtml {
  const { order } = input;
  return html`<div class="head">
      <div>
        <p class="small muted"><a href="/console/orders">← Orders</a></p>
        <h1>Order #${order.orderNo} ${statusBadge(order.status)}</h1>
        <p class="sub">
          ${order.dealerCode ? html`<a href="/console/dealers/${order.dealerCode}">${order.dealerName ?? order.dealerCode}</a> <span class="mono">${order.dealerCode}</span>` : 'No dealer'}
          · ${order.channel} · created
          ${when(order.createdAt)}${order.confirmedAt ? html` · confirmed ${when(order.confirmedAt)}` : ''}
        </p>
      </div>
      ${order.status === 'needs_review' ? html`<a class="button" href="/console/review/orders/${order.id}">Review this draft</a>` : ''}
    </div>
    ${order.statusReason ? html`<p class="card small"><strong>Status reason:</strong> ${order.statusReason}</p>` : ''}
    <section class="card flush" aria-labelledby="lines-h">
      <div class="card-head">
        <h2 id="lines-h">Lines and how each price was reached</h2>
      </div>
      <table>
        <caption class="visually-hidden">
          Order lines
        </caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" class="num">Qty</th>
            <th scope="col" class="num">List</th>
            <th scope="col" class="num">Unit price</th>
            <th scope="col" class="num">Line total</th>
            <th scope="col">Price explanation</th>
          </tr>
        </thead>
        <tbody>
          ${order.lines.map(
            (l) =>
              html`<tr>
                <td>
                  ${l.name ?? l.sku}
                  <div class="small muted mono">${l.sku}</div>
                  ${l.sourceText ? html`<div class="small muted">“${l.sourceText}”</div>` : ''}
                </td>
                <td class="num">${l.qty} ${l.unit ?? ''}</td>
                <td class="num">${money(l.listPriceMinor)}</td>
                <td class="num">${money(l.unitPriceMinor)}</td>
                <td class="num">${money(l.lineTotalMinor)}</td>
                <td>${explain(l.explanation)}</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="4" class="num">Total</th>
            <td class="num"><strong>${money(order.totalMinor)}</strong></td>
            <td>${explain(order.priceExplanation)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
    ${order.accounting && !order.accounting.needsReview ? accountingSection(order.accounting) : ''}
    ${
      order.reviewReasons.length > 0
        ? html`<section class="card">
            <h2>Review reasons</h2>
            ${reasonList(order.reviewReasons, null)}
          </section>`
        : ''
    }
    <div class="split even">
      <section class="card" aria-labelledby="tl-h">
        <h2 id="tl-h">Timeline</h2>
        <ol class="timeline">
          ${input.audit.map(
            (e) =>
              html`<li>
                <div><strong>${describeAudit(e)}</strong></div>
                ${e.reason ? html`<div class="small">${e.reason}</div>` : ''}
                <div class="t">${when(e.at)} · ${e.actor}</div>
              </li>`,
          )}
        </ol>
      </section>
      <section class="card" aria-labelledby="conv-h">
        <h2 id="conv-h">Messages exchanged</h2>
        ${
          input.messages.length === 0
            ? html`<p class="muted">No messages.</p>`
            : html`<ol class="bubbles">
                ${input.messages.map(
                  (m) =>
                    html`<li class="bubble ${m.direction}">
                      <span class="text">${m.text}</span>
                      <span class="meta">${bubbleMeta(m)}</span>
                    </li>`,
                )}
              </ol>`
        }
      </section>
    </div>`;
}

/** Roles of the review policy as ops read them. */
const ROLE_LABELS: Record<string, string> = {
  product: 'product',
  size: 'size',
  quantity: 'quantity',
  unit: 'unit',
  dealer: 'dealer or sender',
  framing: 'greeting / request',
  reference: 'date, phone or reference',
  list_marker: 'list marker',
  payment_note: 'payment note, for accounts',
  delivery_note: 'delivery note, for dispatch',
  read_back: 'as the agent read it back',
  restates: 'sets the quantity anew',
};

/**
 * Why nobody was asked: which words made which line, and how every other word of the message
 * was explained (parsers/review). Punctuation is left out.
 */
function accountingSection(accounting: PolicyAccounting): SafeHtml {
  const words = accounting.tokens.filter((t) => t.role !== 'punctuation');
  const lines = [
    ...new Set(words.flatMap((t) => (t.order_line === undefined ? [] : [t.order_line]))),
  ];
  const chip = (t: PolicyAccounting['tokens'][number]) =>
    html`<span class="chip r-${t.role}" title="${ROLE_LABELS[t.role] ?? t.role}"
      >${t.text}<span class="visually-hidden"> (${ROLE_LABELS[t.role] ?? t.role})</span></span
    >`;
  const around = words.filter((t) => t.order_line === undefined);
  return html`<section class="card" aria-labelledby="acct-h">
    <h2 id="acct-h">Why this went straight through</h2>
    <p class="small muted">
      The review policy accounted for every word and number of the message: each line's own words
      name its product and quantity, and every other word is a greeting or request, the dealer's
      name, or a date, phone or reference.
    </p>
    <ol class="accounting">
      ${lines.map((k) => html`<li>${words.filter((t) => t.order_line === k).map(chip)}</li>`)}
    </ol>
    ${around.length > 0 ? html`<p class="small"><strong>Around the lines:</strong> ${around.map(chip)}</p>` : ''}
    <p class="small muted legend">
      ${Object.entries(ROLE_LABELS).map(([role, label]) => html`<span class="chip r-${role}">${label}</span> `)}
    </p>
  </section>`;
}

function describeAudit(e: { action: string; data: Record<string, JsonValue> }): string {
  const to = typeof e.data.to === 'string' ? statusLabel(e.data.to) : null;
  const from = typeof e.data.from === 'string' ? statusLabel(e.data.from) : null;
  if (e.action === 'created') return `Created${to ? ` as ${to}` : ''}`;
  if (e.action === 'status_changed') return `${from ?? '?'} → ${to ?? '?'}`;
  return statusLabel(e.action);
}

export function dealersBody(dealers: DealerRow[], q: string): SafeHtml {
  return html`<div class="head">
      <div>
        <h1>Dealers</h1>
        <p class="sub">Credit position at a glance. Open a dealer for history.</p>
      </div>
    </div>
    <form class="card inline-form" method="get" action="/console/dealers" role="search">
      <div class="field">
        <label for="d-q">Find a dealer</label
        ><input type="search" id="d-q" name="q" value="${q}" placeholder="Code or name" />
      </div>
      <button type="submit">Search</button>
    </form>
    <div class="card flush">
      <table>
        <caption class="visually-hidden">
          Dealers
        </caption>
        <thead>
          <tr>
            <th scope="col">Dealer</th>
            <th scope="col" class="num">Limit</th>
            <th scope="col" class="num">Outstanding</th>
            <th scope="col" class="num hide-narrow">Open orders</th>
            <th scope="col" class="num">Available</th>
          </tr>
        </thead>
        <tbody>
          ${dealers.map((d) => {
            const available =
              d.limitMinor === null ? null : d.limitMinor - d.outstandingMinor - d.openOrdersMinor;
            return html`<tr class="row-link">
              <td>
                <a class="open" href="/console/dealers/${d.code}">${d.name}</a>
                <span class="mono muted">${d.code}</span
                >${d.region ? html`<div class="small muted">${d.region}</div>` : ''}
              </td>
              <td class="num">${d.limitMinor === null ? 'no limit' : money(d.limitMinor)}</td>
              <td class="num">${money(d.outstandingMinor)}</td>
              <td class="num hide-narrow">${money(d.openOrdersMinor)}</td>
              <td class="num">
                ${available === null ? '—' : available < 0n ? html`<span class="badge b-bad">${money(available)}</span>` : money(available)}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
}

function settingsCard(
  code: string,
  s: NonNullable<Parameters<typeof dealerDetailBody>[0]['settings']>,
): SafeHtml {
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}" ${value === current ? raw('selected') : ''}>${label}</option>`;
  const yesNo = (name: string, label: string, on: boolean) =>
    html`<div class="field">
      <label for="set-${name}">${label}</label>
      <select id="set-${name}" name="${name}">
        ${option('yes', 'yes', on ? 'yes' : 'no')} ${option('no', 'no', on ? 'yes' : 'no')}
      </select>
    </div>`;
  return html`<section class="card" aria-labelledby="settings-h">
    <h2 id="settings-h">Settings</h2>
    <form method="post" action="/console/dealers/${code}/settings" class="filters">
      <input type="hidden" name="_csrf" value="${s.csrf}" />
      <div class="field">
        <label for="set-policy">Over the limit or overdue</label>
        <select id="set-policy" name="creditPolicy">
          ${option('hold', 'hold for finance', s.creditPolicy)}
          ${option('block', 'block', s.creditPolicy)}
        </select>
      </div>
      <div class="field">
        <label for="set-overdue">Overdue days allowed</label>
        <input
          id="set-overdue"
          name="overdueDays"
          inputmode="numeric"
          value="${s.overdueDays ?? ''}"
          placeholder="no rule"
        />
      </div>
      <div class="field">
        <label for="set-language">Reply language</label>
        <select id="set-language" name="language">
          ${option('en', 'English (follows the dealer’s script)', s.language)}
          ${option('hi', 'Hindi (Devanagari)', s.language)}
          ${option('hi-Latn', 'Hinglish', s.language)}
        </select>
      </div>
      ${yesNo('active', 'Active', s.active)} ${yesNo('autoConfirm', 'Auto-confirm', s.autoConfirm)}
      <div class="field">
        <label for="set-rollout">Rollout</label>
        <select id="set-rollout" name="rollout">
          ${option('on', 'on', s.rollout)}
          ${option('pilot', 'pilot (every order to a person)', s.rollout)}
          ${option('off', 'off', s.rollout)}
        </select>
      </div>
      <div class="field">
        <label for="set-temp">Temporary limit (₹)</label>
        <input
          id="set-temp"
          name="tempLimit"
          inputmode="decimal"
          value="${s.tempLimitMinor === null ? '' : formatMinor(s.tempLimitMinor)}"
          placeholder="none"
        />
      </div>
      <div class="field">
        <label for="set-until">until</label>
        <input id="set-until" name="tempUntil" type="date" value="${s.tempLimitUntil ?? ''}" />
      </div>
      <div class="field"><button type="submit">Save settings</button></div>
    </form>
    <p class="small muted">
      Every change is audited. The same from a script:
      <code>npm run cli -- dealer set ${code} --help</code>.
    </p>
  </section>`;
}

export function dealerDetailBody(input: {
  dealer: DealerRow;
  overdueDays: number | null;
  contacts: { phones: string[]; emails: string[] };
  orders: OrderRow[];
  ledger: {
    kind: string;
    amount_minor: bigint;
    reference: string | null;
    due_date: string | null;
    settled_at: Date | null;
    occurred_at: Date;
  }[];
  aliases: { id: bigint; alias: string; sku: string; name: string | null; created_by: string }[];
  /** Devices signed in to the dealer portal. */
  portalDevices: number;
  /** The dealer's price list when it has no price loaded (catalog prices are used). */
  emptyPriceList: string | null;
  /** The dealer's settings, shown as a form to admins (null: not an admin). */
  settings: {
    csrf: string;
    creditPolicy: string;
    overdueDays: number | null;
    language: string;
    active: boolean;
    autoConfirm: boolean;
    rollout: string;
    tempLimitMinor: bigint | null;
    tempLimitUntil: string | null;
  } | null;
  /** Set when the user may forget a learned alias (reviewers and admins). */
  csrf: string | null;
}): SafeHtml {
  const d = input.dealer;
  const exposure = d.outstandingMinor + d.openOrdersMinor;
  const available = d.limitMinor === null ? null : d.limitMinor - exposure;
  const stat = (k: string, v: string, bad = false) =>
    html`<div class="stat ${bad ? 'bad' : ''}">
      <div class="k">${k}</div>
      <div class="v">${v}</div>
    </div>`;
  return html`<div class="head">
      <div>
        <p class="small muted"><a href="/console/dealers">← Dealers</a></p>
        <h1>${d.name} <span class="mono muted">${d.code}</span></h1>
        <p class="sub">
          ${d.region ?? ''} · credit policy: ${d.creditPolicy}${d.active ? '' : ' · inactive'} ·
          ${[...input.contacts.phones, ...input.contacts.emails].join(', ') || 'no contacts on file'}
        </p>
      </div>
      <a class="button secondary" href="/console/orders?dealer=${d.code}">All orders</a>
    </div>
    ${
      input.emptyPriceList
        ? html`<p class="flash error" role="alert">
            Catalog prices used: price list “${input.emptyPriceList}” has no prices loaded. Load it
            with <code>npm run cli -- import prices FILE</code>.
          </p>`
        : ''
    }
    <div class="stats">
      ${stat('Limit', d.limitMinor === null ? 'no limit' : money(d.limitMinor))}
      ${stat('Outstanding', money(d.outstandingMinor))}
      ${stat('Open orders', money(d.openOrdersMinor))} ${stat('Exposure', money(exposure))}
      ${stat('Available', available === null ? '—' : money(available), available !== null && available < 0n)}
      ${stat('Oldest overdue', input.overdueDays === null ? 'none' : `${input.overdueDays} days`, input.overdueDays !== null)}
    </div>
    <div class="split even">
      <section class="card flush">
        <div class="card-head"><h2>Recent orders</h2></div>
        <table>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">Total</th>
              <th scope="col" class="num">Created</th>
            </tr>
          </thead>
          <tbody>
            ${input.orders.map(
              (o) =>
                html`<tr class="row-link">
                  <td><a class="open" href="/console/orders/${o.id}">#${o.orderNo}</a></td>
                  <td>${statusBadge(o.status)}</td>
                  <td class="num">${money(o.totalMinor)}</td>
                  <td class="num">${when(o.createdAt)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="card flush">
        <div class="card-head">
          <h2>Ledger</h2>
          <a class="small" href="/console/dealers/${input.dealer.code}/statement.csv" download
            >Statement (CSV)</a
          >
        </div>
        ${
          input.ledger.length === 0
            ? html`<div class="empty">No ledger entries.</div>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Entry</th>
                    <th scope="col" class="num">Amount</th>
                    <th scope="col" class="num">Due</th>
                  </tr>
                </thead>
                <tbody>
                  ${input.ledger.map(
                    (l) =>
                      html`<tr>
                        <td>
                          ${l.kind}${l.reference ? html` <span class="mono muted">${l.reference}</span>` : ''}
                          <div class="small muted">${when(l.occurred_at)}</div>
                        </td>
                        <td class="num">${money(l.amount_minor)}</td>
                        <td class="num">
                          ${l.due_date ?? '—'}${l.settled_at ? html`<div class="small muted">settled</div>` : ''}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
    </div>
    ${input.settings ? settingsCard(d.code, input.settings) : ''}
    <section class="card">
      <h2>Dealer portal</h2>
      <p class="muted">
        ${
          input.portalDevices === 0
            ? 'Not signed in on any device.'
            : `Signed in on ${input.portalDevices} device${input.portalDevices === 1 ? '' : 's'}.`
        }
        A sign-in link goes to the dealer's WhatsApp number (or email), works once, for 15 minutes.
      </p>
      ${
        input.csrf
          ? html`<form class="inline" method="post" action="/console/dealers/${d.code}/portal-link">
                <input type="hidden" name="_csrf" value="${input.csrf}" />
                <button type="submit" class="secondary">Send portal link</button>
              </form>
              ${
                input.portalDevices > 0
                  ? html`<form
                      class="inline"
                      method="post"
                      action="/console/dealers/${d.code}/portal-signout"
                    >
                      <input type="hidden" name="_csrf" value="${input.csrf}" />
                      <button type="submit" class="link">Sign out everywhere</button>
                    </form>`
                  : ''
              }`
          : ''
      }
    </section>
    <section class="card">
      <h2>Words learned from reviews</h2>
      ${
        input.aliases.length === 0
          ? html`<p class="muted">
              None yet. When a reviewer corrects a product, the dealer's words are remembered here.
            </p>`
          : html`<ul class="reasons">
              ${input.aliases.map(
                (a) =>
                  html`<li>
                    “${a.alias}” → ${a.name ?? a.sku} <span class="mono muted">${a.sku}</span>
                    <span class="small muted">by ${a.created_by}</span>
                    ${
                      input.csrf
                        ? html`<form
                            class="inline"
                            method="post"
                            action="/console/dealers/${input.dealer.code}/aliases/${String(a.id)}/forget"
                          >
                            <input type="hidden" name="_csrf" value="${input.csrf}" />
                            <button type="submit" class="link" aria-label="Forget “${a.alias}”">
                              Forget
                            </button>
                          </form>`
                        : ''
                    }
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
}

export function channelsBody(input: {
  checks: Record<string, string>;
  states: {
    channel: string;
    state: string;
    since: Date;
    detail: string | null;
    qr_data_url: string | null;
    heartbeat_at: Date;
  }[];
  isAdmin: boolean;
  hasDashboard: boolean;
}): SafeHtml {
  const badge = (s: string) => {
    const word = s.split(' ')[0] ?? s;
    const tone = ['ok', 'ready', 'connected'].includes(word)
      ? 'b-ok'
      : word === 'off'
        ? ''
        : ['down', 'failed'].includes(word)
          ? 'b-bad'
          : 'b-warn';
    return html`<span class="badge ${tone}">${s}</span>`;
  };
  return html`<div class="head">
      <div>
        <h1>Channels</h1>
        <p class="sub">Where messages come in and replies go out.</p>
      </div>
      ${input.isAdmin && input.hasDashboard ? html`<a class="button" href="/console/queues/">Queue dashboard</a>` : ''}
    </div>
    <div class="split even">
      <section class="card">
        <h2>Health</h2>
        <dl class="facts">
          ${Object.entries(input.checks).map(
            ([k, v]) =>
              html`<dt>${k}</dt>
                <dd>${badge(v)}</dd>`,
          )}
        </dl>
        <p class="small">
          <a href="/chat" target="_blank" rel="noopener">Open the web chat</a> to try the flow as a
          dealer.
        </p>
      </section>
      <section class="card">
        <h2>Channel sessions</h2>
        ${
          input.states.length === 0
            ? html`<p class="muted">
                No channel has reported a state yet (WhatsApp Web and email report here when
                enabled).
              </p>`
            : input.states.map(
                (s) =>
                  html`<h3>${s.channel} ${badge(s.state)}</h3>
                    <p class="small muted">
                      since ${when(s.since)} · last heartbeat ${when(s.heartbeat_at)}
                    </p>
                    ${s.detail ? html`<p class="small">${s.detail}</p>` : ''}
                    ${
                      s.qr_data_url && s.qr_data_url.startsWith('data:image/')
                        ? html`<p>
                              Scan with WhatsApp on the distributor's phone (Linked devices):
                            </p>
                            <img
                              class="qr"
                              src="${s.qr_data_url}"
                              alt="WhatsApp pairing QR code"
                            />`
                        : ''
                    }`,
              )
        }
      </section>
    </div>`;
}

function bubbleMeta(m: ExchangedMessage): string {
  const who = m.direction === 'in' ? 'dealer' : `reply · ${m.kind ?? ''} · ${m.status ?? ''}`;
  return `${who} · ${when(m.at)}`;
}

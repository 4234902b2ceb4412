/**
 * The dealer portal's pages: pure functions from facts to escaped HTML.
 * Mobile first: one column, big tap targets, money in rupees, words a
 * dealer uses ("on credit hold", "waiting for your YES"), no codes.
 */
import type { OrderStatus } from '../../db/schema.js';
import type { DealerCreditView } from '../../repositories/read-models/dealer-credit.read-model.js';
import type { StatementEntry } from '../../repositories/read-models/dealer-statement.read-model.js';
import type {
  PortalOrderDetail,
  PortalOrderRow,
  PortalProduct,
} from '../../repositories/read-models/portal.read-model.js';
import type { OpenInvoice } from '../../domain/open-invoices.js';
import type { PortalDevice } from '../../services/portal/portal-access.js';
import type { PortalPreview } from '../../services/portal/portal-order.js';
import { rupees } from '../../../templates/format.js';
import type { SlabNudgeFacts } from '../../../templates/types.js';
import { html, raw, type SafeHtml } from '../console/html.js';

export type PortalTab = 'home' | 'order' | 'orders' | 'account';

const STATUS_WORDS: Record<OrderStatus, string> = {
  needs_review: 'Being checked by our team',
  awaiting_confirmation: 'Waiting for your YES',
  confirmed: 'Confirmed',
  held_credit: 'On credit hold',
  held_price: 'Price being approved',
  blocked: 'Blocked',
  cancelled: 'Cancelled',
  rejected: 'Not accepted',
  exported: 'Being packed',
  invoiced: 'Invoiced',
  dispatched: 'Dispatched',
  delivered: 'Delivered',
};

const STATUS_TONE: Record<OrderStatus, 'ok' | 'wait' | 'stop' | 'done'> = {
  needs_review: 'wait',
  awaiting_confirmation: 'wait',
  confirmed: 'ok',
  held_credit: 'stop',
  held_price: 'wait',
  blocked: 'stop',
  cancelled: 'done',
  rejected: 'done',
  exported: 'ok',
  invoiced: 'ok',
  dispatched: 'ok',
  delivered: 'done',
};

/** Statuses that ask for attention on the home page. */
export const ATTENTION_STATUSES: readonly OrderStatus[] = [
  'needs_review',
  'awaiting_confirmation',
  'held_credit',
  'held_price',
  'blocked',
];

const LEDGER_WORDS: Record<StatementEntry['kind'], string> = {
  invoice: 'Invoice',
  payment: 'Payment',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  adjustment: 'Adjustment',
};

function day(date: Date): string {
  return date.toLocaleDateString('en-IN', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Asia/Kolkata',
  });
}

function isoDay(value: string): string {
  return day(new Date(`${value}T12:00:00+05:30`));
}

export function statusBadge(status: OrderStatus): SafeHtml {
  return html`<span class="badge ${STATUS_TONE[status]}">${STATUS_WORDS[status]}</span>`;
}

export interface PortalFrame {
  dealerName: string;
  dealerCode: string;
  csrf: string;
  tab: PortalTab;
  title: string;
  flash?: string | null;
}

export function portalPage(frame: PortalFrame, body: SafeHtml): string {
  const tab = (id: PortalTab, href: string, label: string) =>
    html`<a
      href="${href}"
      class="${frame.tab === id ? 'on' : ''}"
      ${frame.tab === id ? raw('aria-current="page"') : ''}
      >${label}</a
    >`;
  return shell(
    frame.title,
    html`<header class="top">
        <div class="who"><strong>${frame.dealerName}</strong><span>${frame.dealerCode}</span></div>
        <form method="post" action="/portal/logout">
          <input type="hidden" name="_csrf" value="${frame.csrf}" />
          <button class="link">Sign out</button>
        </form>
      </header>
      <main>
        ${frame.flash ? html`<p class="flash" role="status">${frame.flash}</p>` : ''} ${body}
      </main>
      <nav class="tabs" aria-label="Portal">
        ${tab('home', '/portal', 'Home')} ${tab('order', '/portal/order', 'New order')}
        ${tab('orders', '/portal/orders', 'Orders')} ${tab('account', '/portal/account', 'Account')}
      </nav>`,
  );
}

/** A page outside the signed-in frame (sign-in, expired link). */
export function portalBarePage(title: string, body: SafeHtml): string {
  return shell(title, html`<main class="bare">${body}</main>`);
}

function shell(title: string, body: SafeHtml): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="theme-color" content="#0f5132" />
<title>${html`${title}`.value} · Order portal</title>
<link rel="manifest" href="/portal/manifest.webmanifest" />
<link rel="icon" href="/portal/icon.svg" type="image/svg+xml" />
<link rel="stylesheet" href="/portal/assets/portal.css" />
<script src="/portal/assets/portal.js" defer></script>
</head>
<body>
${body.value}
</body>
</html>`;
}

// ---------------------------------------------------------------- sign-in

export function signInPage(token: string): string {
  return portalBarePage(
    'Sign in',
    html`<h1>Your order portal</h1>
      <p>See your orders and account, and order again in a few taps.</p>
      <form method="post" action="/portal/login">
        <input type="hidden" name="t" value="${token}" />
        <button class="primary big">Continue</button>
      </form>
      <p class="muted">This link signs in this phone or computer. It works once.</p>`,
  );
}

const REFUSED: Record<'unknown' | 'used' | 'expired' | 'inactive' | 'signed_out', string> = {
  unknown: 'This sign-in link is not valid.',
  used: 'This sign-in link was already used. Each link works once.',
  expired: 'This sign-in link has expired.',
  inactive: 'Your account is paused. Please call our office.',
  signed_out: 'You are signed out.',
};

export function linkRefusedPage(reason: keyof typeof REFUSED): string {
  return portalBarePage(
    'Sign in',
    html`<h1>Your order portal</h1>
      <p class="warn" role="alert">${REFUSED[reason]}</p>
      ${
        reason === 'inactive'
          ? ''
          : html`<p>
              To get a new link, send <strong>portal link</strong> to us on WhatsApp (or by email).
              It arrives in a few seconds.
            </p>`
      }`,
  );
}

// ---------------------------------------------------------------- home

export interface HomeFacts {
  credit: DealerCreditView | undefined;
  attention: PortalOrderRow[];
  recent: PortalOrderRow[];
  overdueMinor: bigint;
}

function creditCard(credit: DealerCreditView | undefined, overdueMinor: bigint): SafeHtml {
  if (!credit) return html``;
  const limit = credit.limitMinor;
  const used =
    limit === null || limit <= 0n
      ? 0
      : Math.min(100, Number((credit.exposureMinor * 100n) / limit));
  return html`<section class="card credit" aria-label="Credit">
    <div class="big-figure">
      <span>${limit === null ? 'No credit limit' : 'Credit available'}</span>
      ${limit === null ? '' : html`<strong>${rupees(credit.availableMinor ?? 0n)}</strong>`}
    </div>
    ${
      limit === null
        ? ''
        : html`<progress
            class="meter ${used >= 100 ? 'over' : used >= 80 ? 'near' : ''}"
            max="100"
            value="${used}"
            aria-label="${used}% of the limit used"
          ></progress>`
    }
    <dl class="figures">
      ${
        limit === null
          ? ''
          : html`<div>
              <dt>Limit</dt>
              <dd>${rupees(limit)}</dd>
            </div>`
      }
      <div>
        <dt>You owe</dt>
        <dd>${rupees(credit.outstandingMinor)}</dd>
      </div>
      <div>
        <dt>Orders not yet billed</dt>
        <dd>${rupees(credit.openOrdersMinor)}</dd>
      </div>
      ${
        overdueMinor > 0n
          ? html`<div class="overdue">
              <dt>Overdue</dt>
              <dd>${rupees(overdueMinor)}</dd>
            </div>`
          : ''
      }
    </dl>
  </section>`;
}

function orderCard(o: PortalOrderRow, csrfReorder = true): SafeHtml {
  const more = o.lineCount - o.firstItems.length;
  return html`<li class="order">
    <a class="order-link" href="/portal/orders/${o.orderNo.toString()}">
      <span class="row"
        ><strong>Order #${o.orderNo.toString()}</strong><span>${rupees(o.totalMinor)}</span></span
      >
      <span class="row"
        ><span class="muted">${day(o.createdAt)}</span>${statusBadge(o.status)}</span
      >
      <span class="items">${o.firstItems.join(', ')}${more > 0 ? ` and ${more} more` : ''}</span>
    </a>
    ${
      csrfReorder
        ? html`<a class="button small" href="/portal/order?from=${o.orderNo.toString()}"
            >Order again</a
          >`
        : ''
    }
  </li>`;
}

export function homeBody(facts: HomeFacts): SafeHtml {
  return html`${creditCard(facts.credit, facts.overdueMinor)}
    <a class="button primary big" href="/portal/order">New order</a>
    ${
      facts.attention.length > 0
        ? html`<section aria-labelledby="attention">
            <h2 id="attention">Needs attention</h2>
            <ul class="orders">
              ${facts.attention.map((o) => orderCard(o, false))}
            </ul>
          </section>`
        : ''
    }
    <section aria-labelledby="recent">
      <h2 id="recent">Recent orders</h2>
      ${
        facts.recent.length === 0
          ? html`<p class="muted">
              ${
                facts.attention.length === 0
                  ? 'No orders yet. Tap “New order” to place your first.'
                  : 'Nothing else lately.'
              }
            </p>`
          : html`<ul class="orders">
              ${facts.recent.map((o) => orderCard(o))}
            </ul>`
      }
    </section>`;
}

// ---------------------------------------------------------------- orders

export function ordersBody(rows: PortalOrderRow[], page: number, hasMore: boolean): SafeHtml {
  return html`<h1>Your orders</h1>
    ${
      rows.length === 0
        ? html`<p class="muted">No orders here.</p>`
        : html`<ul class="orders">
            ${rows.map((o) => orderCard(o))}
          </ul>`
    }
    <p class="pager">
      ${page > 1 ? html`<a href="/portal/orders?page=${page - 1}">Newer</a>` : ''}
      ${hasMore ? html`<a href="/portal/orders?page=${page + 1}">Older</a>` : ''}
    </p>`;
}

/** confirmed → with the warehouse → invoiced → dispatched → delivered, each with its date once known. */
function timeline(o: PortalOrderDetail): SafeHtml {
  if (
    [
      'needs_review',
      'awaiting_confirmation',
      'held_credit',
      'held_price',
      'blocked',
      'rejected',
      'cancelled',
    ].includes(o.status) &&
    o.confirmedAt === null
  ) {
    return html``;
  }
  const steps: [string, Date | null, string?][] = [
    ['Confirmed', o.confirmedAt],
    ['With the warehouse', o.exportedAt],
    ['Invoiced', o.invoicedAt, o.invoices.join(', ')],
    ['Dispatched', o.dispatchedAt],
    ['Delivered', o.deliveredAt],
  ];
  return html`<ol class="timeline" aria-label="Progress">
    ${steps.map(
      ([label, at, extra]) =>
        html`<li class="${at === null ? '' : 'done'}">
          <span>${label}</span
          ><span class="sku"
            >${at === null ? 'not yet' : day(at)}${extra ? ` · ${extra}` : ''}</span
          >
        </li>`,
    )}
  </ol>`;
}

export function orderDetailBody(o: PortalOrderDetail): SafeHtml {
  const explain: Partial<Record<OrderStatus, string>> = {
    held_credit:
      'This order is over your credit limit or has overdue bills against it. Our finance team will release it once a payment arrives, or call you.',
    held_price: 'You asked for a special price; our sales manager is looking at it.',
    needs_review: 'Our team is checking this order and will confirm it shortly.',
    awaiting_confirmation: 'Reply YES in chat to confirm this order.',
    blocked: 'This order is blocked on credit. Please call our office.',
  };
  return html`<p><a href="/portal/orders" class="back">‹ All orders</a></p>
    <h1>Order #${o.orderNo.toString()}</h1>
    <p class="row"><span class="muted">${day(o.createdAt)}</span>${statusBadge(o.status)}</p>
    ${explain[o.status] ? html`<p class="note">${explain[o.status]}</p>` : ''} ${timeline(o)}
    ${linesTable(o.lines, o.taxMinor, o.totalMinor)}
    ${
      o.dispatches.length > 0
        ? html`<section>
            <h2>Shipment</h2>
            <ul class="plain">
              ${o.dispatches.map(
                (d) =>
                  html`<li>
                    Dispatched
                    ${isoDay(d.on)}${d.transporter ? ` by ${d.transporter}` : ''}${d.lrNumber ? `, LR ${d.lrNumber}` : ''}${d.vehicle ? `, vehicle ${d.vehicle}` : ''}
                  </li>`,
              )}
              ${o.deliveredOn ? html`<li>Delivered ${isoDay(o.deliveredOn)}</li>` : ''}
            </ul>
          </section>`
        : ''
    }
    <a class="button primary big" href="/portal/order?from=${o.orderNo.toString()}"
      >Order again</a
    >`;
}

interface ShownLine {
  name: string;
  qty: number;
  unit: string;
  unitPriceMinor: bigint | null;
  lineTotalMinor: bigint | null;
  free?: boolean;
}

/** "8 bucket × ₹2,790.00"; free goods without a price. */
function quantityText(l: ShownLine): string {
  const each = l.free || l.unitPriceMinor === null ? '' : ` × ${rupees(l.unitPriceMinor)}`;
  return `${l.qty} ${l.unit}${each}`;
}

/** Two columns that fit a phone: the product with "8 bucket × ₹2,790.00" under it, and the amount. */
function linesTable(lines: readonly ShownLine[], taxMinor: bigint, totalMinor: bigint): SafeHtml {
  return html`<table class="lines">
    <thead>
      <tr>
        <th>Product</th>
        <th class="num">Amount</th>
      </tr>
    </thead>
    <tbody>
      ${lines.map(
        (l) =>
          html`<tr>
            <td>${l.name}<span class="sku">${quantityText(l)}</span></td>
            <td class="num">
              ${
                l.free
                  ? html`<span class="badge ok">FREE</span>`
                  : l.lineTotalMinor === null
                    ? '—'
                    : rupees(l.lineTotalMinor)
              }
            </td>
          </tr>`,
      )}
    </tbody>
    <tfoot>
      ${
        taxMinor > 0n
          ? html`<tr>
              <td>Tax</td>
              <td class="num">${rupees(taxMinor)}</td>
            </tr>`
          : ''
      }
      <tr class="total">
        <td>Total</td>
        <td class="num">${rupees(totalMinor)}</td>
      </tr>
    </tfoot>
  </table>`;
}

// ---------------------------------------------------------------- new order

export interface CartLine {
  sku: string;
  name: string;
  unit: string;
  qty: number;
}

export interface OrderFormFacts {
  csrf: string;
  cart: CartLine[];
  query: string;
  results: PortalProduct[];
  usual: PortalProduct[];
  /** The dealer's price of one sales unit, by SKU (search results and usual products). */
  prices: ReadonlyMap<string, bigint>;
  /** Shown after "Review": the priced order. */
  preview: PortalPreview | null;
  requestKey: string;
  error: string | null;
}

function productButton(p: PortalProduct, price: bigint | undefined): SafeHtml {
  const each = price === undefined ? `per ${p.unit}` : `${rupees(price)} per ${p.unit}`;
  return html`<li>
    <button name="add" value="${p.sku}" class="pick">
      <span>${p.name}</span><span class="sku">${p.sku} · ${each}</span>
    </button>
  </li>`;
}

/** "Add 2 more bucket of Interior Emulsion to get 3% off." */
export function nudgeText(n: SlabNudgeFacts): string {
  const more =
    n.missingQty !== null
      ? `${n.missingQty} more ${n.unit}`
      : `${rupees(n.missingMinor ?? 0n)} more`;
  return `Add ${more} of ${n.target} to get ${n.discount} off.`;
}

function previewBlock(f: OrderFormFacts): SafeHtml {
  const p = f.preview;
  if (p === null) return html``;
  if (!p.ok) {
    return html`<p class="warn" role="alert">
      Not available any more: ${p.unavailable.join(', ')}. Remove them to go on.
    </p>`;
  }
  return html`<section class="card preview" aria-label="Your order, priced">
    <h2>Your price</h2>
    ${linesTable(p.lines, p.pricing.taxMinor, p.totalMinor)}
    ${
      p.pricing.savingsMinor > 0n
        ? html`<p class="saving">You save ${rupees(p.pricing.savingsMinor)} on list prices.</p>`
        : ''
    }
    ${p.offers.map(
      (o) =>
        html`<p class="offer">
          Offer applied:
          ${o.name}${o.savingMinor > 0n ? ` — you save ${rupees(o.savingMinor)}` : ''}
        </p>`,
    )}
    ${p.pricing.nudges.map((n) => html`<p class="nudge">${nudgeText(n)}</p>`)}
    ${
      p.availableAfterMinor === null
        ? ''
        : p.overLimit
          ? html`<p class="warn">
              This order is ${rupees(-p.availableAfterMinor)} over your credit. You can still place
              it: it waits for our finance team, who release it when a payment arrives.
            </p>`
          : html`<p class="muted">
              Credit left after this order: ${rupees(p.availableAfterMinor)}
            </p>`
    }
    <input type="hidden" name="key" value="${f.requestKey}" />
    <button class="primary big" name="action" value="place">Place order</button>
  </section>`;
}

export function orderFormBody(f: OrderFormFacts): SafeHtml {
  return html`<h1>New order</h1>
    <form method="post" action="/portal/order" class="order-form">
      <input type="hidden" name="_csrf" value="${f.csrf}" />
      ${f.error ? html`<p class="warn" role="alert">${f.error}</p>` : ''}
      <section aria-labelledby="cart-h">
        <h2 id="cart-h">Your items</h2>
        ${
          f.cart.length === 0
            ? html`<p class="muted">
                Nothing yet: search below or tap a product you usually order.
              </p>`
            : html`<ul class="cart">
                  ${f.cart.map(
                    (l, i) =>
                      html`<li>
                        <label for="q${i}">${l.name}<span class="sku">${l.sku}</span></label>
                        <span class="qty">
                          <input type="hidden" name="sku" value="${l.sku}" />
                          <input
                            id="q${i}"
                            name="qty"
                            type="number"
                            inputmode="numeric"
                            min="0"
                            max="100000"
                            value="${l.qty}"
                            aria-label="Quantity of ${l.name}"
                          />
                          <span class="unit">${l.unit}</span>
                        </span>
                      </li>`,
                  )}
                </ul>
                <button class="primary" name="action" value="review">Review and price</button>`
        }
      </section>
      ${previewBlock(f)}
      <section aria-labelledby="find-h">
        <h2 id="find-h">Add products</h2>
        <div class="search">
          <input
            name="q"
            type="search"
            value="${f.query}"
            placeholder="Product name or code"
            aria-label="Search products"
          />
          <button name="action" value="search">Search</button>
        </div>
        ${
          f.results.length > 0
            ? html`<ul class="picks">
                ${f.results.map((r) => productButton(r, f.prices.get(r.sku)))}
              </ul>`
            : f.query !== ''
              ? html`<p class="muted">No product matches “${f.query}”.</p>`
              : ''
        }
        ${
          f.usual.length > 0 && f.query === ''
            ? html`<h3>You usually order</h3>
                <ul class="picks">
                  ${f.usual.map((r) => productButton(r, f.prices.get(r.sku)))}
                </ul>`
            : ''
        }
      </section>
    </form>`;
}

// ---------------------------------------------------------------- account

export interface AccountFacts {
  csrf: string;
  credit: DealerCreditView | undefined;
  open: OpenInvoice[];
  entries: StatementEntry[];
  devices: PortalDevice[];
  currentDeviceId: string;
}

export function accountBody(f: AccountFacts): SafeHtml {
  return html`<h1>Account</h1>
    ${creditCard(
      f.credit,
      f.open.filter((i) => i.overdueDays > 0).reduce((s, i) => s + i.openMinor, 0n),
    )}
    <section aria-labelledby="bills-h">
      <h2 id="bills-h">Unpaid bills</h2>
      ${
        f.open.length === 0
          ? html`<p class="muted">Nothing unpaid. Thank you!</p>`
          : html`<table class="lines">
              <thead>
                <tr>
                  <th>Bill</th>
                  <th>Due</th>
                  <th class="num">Unpaid</th>
                </tr>
              </thead>
              <tbody>
                ${f.open.map(
                  (i) =>
                    html`<tr class="${i.overdueDays > 0 ? 'late' : ''}">
                      <td>${i.reference ?? 'Invoice'}<span class="sku">${isoDay(i.date)}</span></td>
                      <td>
                        ${i.dueDate ? isoDay(i.dueDate) : '—'}${i.overdueDays > 0 ? html`<span class="sku">${i.overdueDays} days late</span>` : ''}
                      </td>
                      <td class="num">${rupees(i.openMinor)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <section aria-labelledby="stmt-h">
      <h2 id="stmt-h">Statement</h2>
      ${
        f.entries.length === 0
          ? html`<p class="muted">No entries yet.</p>`
          : html`<table class="lines">
              <thead>
                <tr>
                  <th>Entry</th>
                  <th class="num">Amount · balance</th>
                </tr>
              </thead>
              <tbody>
                ${[...f.entries].reverse().map(
                  (e) =>
                    html`<tr>
                      <td>
                        ${LEDGER_WORDS[e.kind]}
                        <span class="sku"
                          >${[isoDay(e.date), e.reference].filter(Boolean).join(' · ')}</span
                        >
                      </td>
                      <td class="num">
                        ${rupees(e.amountMinor)}<span class="sku">${rupees(e.balanceMinor)}</span>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <a class="button" href="/portal/account/statement.csv" download>Download statement (CSV)</a>
    </section>
    <section aria-labelledby="dev-h">
      <h2 id="dev-h">Signed-in devices</h2>
      <ul class="devices">
        ${f.devices.map(
          (d) =>
            html`<li>
              <span
                >${deviceName(d.userAgent)}${d.id === f.currentDeviceId ? ' (this one)' : ''}<span
                  class="sku"
                  >last used ${day(d.lastSeenAt)}</span
                ></span
              >
              <form method="post" action="/portal/devices/${d.id}/revoke">
                <input type="hidden" name="_csrf" value="${f.csrf}" />
                <button class="small">Sign out</button>
              </form>
            </li>`,
        )}
      </ul>
    </section>`;
}

/** "Android phone", "iPhone", "Windows computer": enough to tell devices apart. */
export function deviceName(userAgent: string | null): string {
  const ua = userAgent ?? '';
  if (/iPhone/i.test(ua)) return 'iPhone';
  if (/iPad/i.test(ua)) return 'iPad';
  if (/Android/i.test(ua)) return /Mobile/i.test(ua) ? 'Android phone' : 'Android tablet';
  if (/Windows/i.test(ua)) return 'Windows computer';
  if (/Macintosh|Mac OS/i.test(ua)) return 'Mac';
  if (/Linux/i.test(ua)) return 'Linux computer';
  return 'A browser';
}

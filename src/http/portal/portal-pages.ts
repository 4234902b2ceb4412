/**
 * The dealer portal's pages: pure functions from facts to escaped HTML.
 * Mobile first: one column, big tap targets, money in rupees, words a
 * dealer uses ("on credit hold", "waiting for your YES"), no codes. Every
 * word comes from the `PortalText` passed in (portal-text.ts), so each page
 * renders in the dealer's language.
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
import {
  PORTAL_LANGUAGES,
  PORTAL_TEXT,
  portalText,
  type DeviceKind,
  type PortalLanguage,
  type PortalText,
  type RefusalReason,
} from './portal-text.js';

export type PortalTab = 'home' | 'order' | 'orders' | 'account';

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

function day(date: Date, t: PortalText): string {
  return date.toLocaleDateString(t.locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Asia/Kolkata',
  });
}

function isoDay(value: string, t: PortalText): string {
  return day(new Date(`${value}T12:00:00+05:30`), t);
}

export function statusBadge(status: OrderStatus, t: PortalText): SafeHtml {
  return html`<span class="badge ${STATUS_TONE[status]}">${t.status[status]}</span>`;
}

export interface PortalFrame {
  dealerName: string;
  dealerCode: string;
  csrf: string;
  tab: PortalTab;
  title: string;
  flash?: string | null;
  t: PortalText;
  /** For `<html lang>` and the language switch. */
  lang: PortalLanguage;
}

/**
 * Plain links to the other languages, each named in its own words. Styled as
 * small buttons: a bare link would be green on the green header. Placed inside
 * the sign-out form so the header keeps its two flex items.
 */
function languageSwitch(current: PortalLanguage): SafeHtml {
  return html`${PORTAL_LANGUAGES.filter((l) => l !== current).map(
    (l) =>
      html`<a class="button small" href="/portal/lang/${l}" hreflang="${l}" lang="${l}"
        >${PORTAL_TEXT[l].languageName}</a
      >`,
  )}`;
}

export function portalPage(frame: PortalFrame, body: SafeHtml): string {
  const t = frame.t;
  const tab = (id: PortalTab, href: string, label: string) =>
    html`<a
      href="${href}"
      class="${frame.tab === id ? 'on' : ''}"
      ${frame.tab === id ? raw('aria-current="page"') : ''}
      >${label}</a
    >`;
  return shell(
    frame.title,
    frame.lang,
    html`<header class="top">
        <div class="who"><strong>${frame.dealerName}</strong><span>${frame.dealerCode}</span></div>
        <form method="post" action="/portal/logout">
          ${languageSwitch(frame.lang)}
          <input type="hidden" name="_csrf" value="${frame.csrf}" />
          <button class="link">${t.signOut}</button>
        </form>
      </header>
      <main>
        ${frame.flash ? html`<p class="flash" role="status">${frame.flash}</p>` : ''} ${body}
      </main>
      <nav class="tabs" aria-label="${t.navLabel}">
        ${tab('home', '/portal', t.home)} ${tab('order', '/portal/order', t.newOrder)}
        ${tab('orders', '/portal/orders', t.orders)} ${tab('account', '/portal/account', t.account)}
      </nav>`,
  );
}

/** A page outside the signed-in frame (sign-in, expired link). */
export function portalBarePage(title: string, body: SafeHtml, lang: PortalLanguage): string {
  return shell(title, lang, html`<main class="bare">${body}</main>`);
}

function shell(title: string, lang: PortalLanguage, body: SafeHtml): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="theme-color" content="#0f5132" />
<title>${html`${title} · ${portalText(lang).portalName}`.value}</title>
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

export function signInPage(token: string, lang: PortalLanguage): string {
  const t = portalText(lang);
  return portalBarePage(
    t.signIn,
    html`<h1>${t.portalHeading}</h1>
      <p>${t.signInIntro}</p>
      <form method="post" action="/portal/login">
        <input type="hidden" name="t" value="${token}" />
        <button class="primary big">${t.continue}</button>
      </form>
      <p class="muted">${t.signInOnce}</p>`,
    lang,
  );
}

export function linkRefusedPage(reason: RefusalReason, lang: PortalLanguage): string {
  const t = portalText(lang);
  return portalBarePage(
    t.signIn,
    html`<h1>${t.portalHeading}</h1>
      <p class="warn" role="alert">${t.refused[reason]}</p>
      ${
        reason === 'inactive'
          ? ''
          : html`<p>${t.newLink(html`<strong>${t.linkCommand}</strong>`)}</p>`
      }`,
    lang,
  );
}

// ---------------------------------------------------------------- home

export interface HomeFacts {
  credit: DealerCreditView | undefined;
  attention: PortalOrderRow[];
  recent: PortalOrderRow[];
  overdueMinor: bigint;
}

function creditCard(
  credit: DealerCreditView | undefined,
  overdueMinor: bigint,
  t: PortalText,
): SafeHtml {
  if (!credit) return html``;
  const limit = credit.limitMinor;
  const used =
    limit === null || limit <= 0n
      ? 0
      : Math.min(100, Number((credit.exposureMinor * 100n) / limit));
  return html`<section class="card credit" aria-label="${t.creditLabel}">
    <div class="big-figure">
      <span>${limit === null ? t.noCreditLimit : t.creditAvailable}</span>
      ${limit === null ? '' : html`<strong>${rupees(credit.availableMinor ?? 0n)}</strong>`}
    </div>
    ${
      limit === null
        ? ''
        : html`<progress
            class="meter ${used >= 100 ? 'over' : used >= 80 ? 'near' : ''}"
            max="100"
            value="${used}"
            aria-label="${t.limitUsed(used)}"
          ></progress>`
    }
    <dl class="figures">
      ${
        limit === null
          ? ''
          : html`<div>
              <dt>${t.limit}</dt>
              <dd>${rupees(limit)}</dd>
            </div>`
      }
      <div>
        <dt>${t.youOwe}</dt>
        <dd>${rupees(credit.outstandingMinor)}</dd>
      </div>
      <div>
        <dt>${t.notYetBilled}</dt>
        <dd>${rupees(credit.openOrdersMinor)}</dd>
      </div>
      ${
        overdueMinor > 0n
          ? html`<div class="overdue">
              <dt>${t.overdue}</dt>
              <dd>${rupees(overdueMinor)}</dd>
            </div>`
          : ''
      }
    </dl>
  </section>`;
}

function orderCard(o: PortalOrderRow, t: PortalText, reorder = true): SafeHtml {
  const more = o.lineCount - o.firstItems.length;
  return html`<li class="order">
    <a class="order-link" href="/portal/orders/${o.orderNo.toString()}">
      <span class="row"
        ><strong>${t.orderNo(o.orderNo.toString())}</strong
        ><span>${rupees(o.totalMinor)}</span></span
      >
      <span class="row"
        ><span class="muted">${day(o.createdAt, t)}</span>${statusBadge(o.status, t)}</span
      >
      <span class="items"
        >${o.firstItems.join(', ')}${more > 0 ? ` ${t.moreItems(more)}` : ''}</span
      >
    </a>
    ${
      reorder
        ? html`<a class="button small" href="/portal/order?from=${o.orderNo.toString()}"
            >${t.orderAgain}</a
          >`
        : ''
    }
  </li>`;
}

export function homeBody(facts: HomeFacts, t: PortalText): SafeHtml {
  return html`${creditCard(facts.credit, facts.overdueMinor, t)}
    <a class="button primary big" href="/portal/order">${t.newOrder}</a>
    ${
      facts.attention.length > 0
        ? html`<section aria-labelledby="attention">
            <h2 id="attention">${t.needsAttention}</h2>
            <ul class="orders">
              ${facts.attention.map((o) => orderCard(o, t, false))}
            </ul>
          </section>`
        : ''
    }
    <section aria-labelledby="recent">
      <h2 id="recent">${t.recentOrders}</h2>
      ${
        facts.recent.length === 0
          ? html`<p class="muted">
              ${facts.attention.length === 0 ? t.noOrdersYet : t.nothingElse}
            </p>`
          : html`<ul class="orders">
              ${facts.recent.map((o) => orderCard(o, t))}
            </ul>`
      }
    </section>`;
}

// ---------------------------------------------------------------- orders

export function ordersBody(
  rows: PortalOrderRow[],
  page: number,
  hasMore: boolean,
  t: PortalText,
): SafeHtml {
  return html`<h1>${t.yourOrders}</h1>
    ${
      rows.length === 0
        ? html`<p class="muted">${t.noOrdersHere}</p>`
        : html`<ul class="orders">
            ${rows.map((o) => orderCard(o, t))}
          </ul>`
    }
    <p class="pager">
      ${page > 1 ? html`<a href="/portal/orders?page=${page - 1}">${t.newer}</a>` : ''}
      ${hasMore ? html`<a href="/portal/orders?page=${page + 1}">${t.older}</a>` : ''}
    </p>`;
}

/** confirmed → with the warehouse → invoiced → dispatched → delivered, each with its date once known. */
function timeline(o: PortalOrderDetail, t: PortalText): SafeHtml {
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
    [t.timeline.confirmed, o.confirmedAt],
    [t.timeline.warehouse, o.exportedAt],
    [t.timeline.invoiced, o.invoicedAt, o.invoices.join(', ')],
    [t.timeline.dispatched, o.dispatchedAt],
    [t.timeline.delivered, o.deliveredAt],
  ];
  return html`<ol class="timeline" aria-label="${t.progress}">
    ${steps.map(
      ([label, at, extra]) =>
        html`<li class="${at === null ? '' : 'done'}">
          <span>${label}</span
          ><span class="sku"
            >${at === null ? t.notYet : day(at, t)}${extra ? ` · ${extra}` : ''}</span
          >
        </li>`,
    )}
  </ol>`;
}

export function orderDetailBody(o: PortalOrderDetail, t: PortalText): SafeHtml {
  const note = t.statusNote[o.status];
  return html`<p><a href="/portal/orders" class="back">‹ ${t.allOrders}</a></p>
    <h1>${t.orderNo(o.orderNo.toString())}</h1>
    <p class="row"><span class="muted">${day(o.createdAt, t)}</span>${statusBadge(o.status, t)}</p>
    ${note ? html`<p class="note">${note}</p>` : ''} ${timeline(o, t)}
    ${linesTable(o.lines, o.taxMinor, o.totalMinor, t)}
    ${
      o.dispatches.length > 0
        ? html`<section>
            <h2>${t.shipment}</h2>
            <ul class="plain">
              ${o.dispatches.map(
                (d) =>
                  html`<li>
                    ${t.dispatchedOn({
                      day: isoDay(d.on, t),
                      transporter: d.transporter,
                      lrNumber: d.lrNumber,
                      vehicle: d.vehicle,
                    })}
                  </li>`,
              )}
              ${o.deliveredOn ? html`<li>${t.deliveredOn(isoDay(o.deliveredOn, t))}</li>` : ''}
            </ul>
          </section>`
        : ''
    }
    <a class="button primary big" href="/portal/order?from=${o.orderNo.toString()}"
      >${t.orderAgain}</a
    >
    <a class="button" href="/portal/orders/${o.orderNo.toString()}/order.csv" download
      >${t.downloadOrder}</a
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
function linesTable(
  lines: readonly ShownLine[],
  taxMinor: bigint,
  totalMinor: bigint,
  t: PortalText,
): SafeHtml {
  return html`<table class="lines">
    <thead>
      <tr>
        <th>${t.product}</th>
        <th class="num">${t.amount}</th>
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
                  ? html`<span class="badge ok">${t.free}</span>`
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
              <td>${t.tax}</td>
              <td class="num">${rupees(taxMinor)}</td>
            </tr>`
          : ''
      }
      <tr class="total">
        <td>${t.total}</td>
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

function productButton(p: PortalProduct, price: bigint | undefined, t: PortalText): SafeHtml {
  const each = price === undefined ? t.perUnit(p.unit) : `${rupees(price)} ${t.perUnit(p.unit)}`;
  return html`<li>
    <button name="add" value="${p.sku}" class="pick">
      <span>${p.name}</span><span class="sku">${p.sku} · ${each}</span>
    </button>
  </li>`;
}

/** "Add 2 more bucket of Interior Emulsion to get 3% off." */
export function nudgeText(n: SlabNudgeFacts, t: PortalText): string {
  return t.nudge(n);
}

function previewBlock(f: OrderFormFacts, t: PortalText): SafeHtml {
  const p = f.preview;
  if (p === null) return html``;
  if (!p.ok) {
    return html`<p class="warn" role="alert">${t.notAvailable(p.unavailable.join(', '))}</p>`;
  }
  return html`<section class="card preview" aria-label="${t.pricedLabel}">
    <h2>${t.yourPrice}</h2>
    ${linesTable(p.lines, p.pricing.taxMinor, p.totalMinor, t)}
    ${
      p.pricing.savingsMinor > 0n
        ? html`<p class="saving">${t.youSave(rupees(p.pricing.savingsMinor))}</p>`
        : ''
    }
    ${p.offers.map(
      (o) =>
        html`<p class="offer">
          ${t.offerApplied(o.name, o.savingMinor > 0n ? rupees(o.savingMinor) : null)}
        </p>`,
    )}
    ${p.pricing.nudges.map((n) => html`<p class="nudge">${nudgeText(n, t)}</p>`)}
    ${
      p.availableAfterMinor === null
        ? ''
        : p.overLimit
          ? html`<p class="warn">${t.overCredit(rupees(-p.availableAfterMinor))}</p>`
          : html`<p class="muted">${t.creditLeft(rupees(p.availableAfterMinor))}</p>`
    }
    <input type="hidden" name="key" value="${f.requestKey}" />
    <button class="primary big" name="action" value="place">${t.placeOrder}</button>
  </section>`;
}

export function orderFormBody(f: OrderFormFacts, t: PortalText): SafeHtml {
  return html`<h1>${t.newOrder}</h1>
    <form method="post" action="/portal/order" class="order-form">
      <input type="hidden" name="_csrf" value="${f.csrf}" />
      ${f.error ? html`<p class="warn" role="alert">${f.error}</p>` : ''}
      <section aria-labelledby="cart-h">
        <h2 id="cart-h">${t.yourItems}</h2>
        ${
          f.cart.length === 0
            ? html`<p class="muted">${t.cartEmpty}</p>`
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
                            aria-label="${t.quantityOf(l.name)}"
                          />
                          <span class="unit">${l.unit}</span>
                        </span>
                      </li>`,
                  )}
                </ul>
                <button class="primary" name="action" value="review">${t.reviewAndPrice}</button>`
        }
      </section>
      ${previewBlock(f, t)}
      <section aria-labelledby="find-h">
        <h2 id="find-h">${t.addProducts}</h2>
        <div class="search">
          <input
            name="q"
            type="search"
            value="${f.query}"
            placeholder="${t.searchPlaceholder}"
            aria-label="${t.searchLabel}"
          />
          <button name="action" value="search">${t.search}</button>
        </div>
        ${
          f.results.length > 0
            ? html`<ul class="picks">
                ${f.results.map((r) => productButton(r, f.prices.get(r.sku), t))}
              </ul>`
            : f.query !== ''
              ? html`<p class="muted">${t.noMatch(f.query)}</p>`
              : ''
        }
        ${
          f.usual.length > 0 && f.query === ''
            ? html`<h3>${t.usuallyOrder}</h3>
                <ul class="picks">
                  ${f.usual.map((r) => productButton(r, f.prices.get(r.sku), t))}
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
  /** The dealer gets "usual order?" reminders. */
  reminders: boolean;
}

export function accountBody(f: AccountFacts, t: PortalText): SafeHtml {
  return html`<h1>${t.account}</h1>
    ${creditCard(
      f.credit,
      f.open.filter((i) => i.overdueDays > 0).reduce((s, i) => s + i.openMinor, 0n),
      t,
    )}
    <section aria-labelledby="bills-h">
      <h2 id="bills-h">${t.unpaidBills}</h2>
      ${
        f.open.length === 0
          ? html`<p class="muted">${t.nothingUnpaid}</p>`
          : html`<table class="lines">
              <thead>
                <tr>
                  <th>${t.bill}</th>
                  <th>${t.due}</th>
                  <th class="num">${t.unpaid}</th>
                </tr>
              </thead>
              <tbody>
                ${f.open.map(
                  (i) =>
                    html`<tr class="${i.overdueDays > 0 ? 'late' : ''}">
                      <td>
                        ${i.reference ?? t.ledger.invoice}<span class="sku"
                          >${isoDay(i.date, t)}</span
                        >
                      </td>
                      <td>
                        ${i.dueDate ? isoDay(i.dueDate, t) : '—'}${i.overdueDays > 0 ? html`<span class="sku">${t.daysLate(i.overdueDays)}</span>` : ''}
                      </td>
                      <td class="num">${rupees(i.openMinor)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <section aria-labelledby="stmt-h">
      <h2 id="stmt-h">${t.statement}</h2>
      ${
        f.entries.length === 0
          ? html`<p class="muted">${t.noEntries}</p>`
          : html`<table class="lines">
              <thead>
                <tr>
                  <th>${t.entry}</th>
                  <th class="num">${t.amountBalance}</th>
                </tr>
              </thead>
              <tbody>
                ${[...f.entries].reverse().map(
                  (e) =>
                    html`<tr>
                      <td>
                        ${t.ledger[e.kind]}
                        <span class="sku"
                          >${[isoDay(e.date, t), e.reference].filter(Boolean).join(' · ')}</span
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
      <a class="button" href="/portal/account/statement.csv" download>${t.downloadStatement}</a>
    </section>
    <section aria-labelledby="rem-h">
      <h2 id="rem-h">${t.reminders}</h2>
      <p class="muted">${f.reminders ? t.remindersOn : t.remindersOff}</p>
      <form method="post" action="/portal/reminders">
        <input type="hidden" name="_csrf" value="${f.csrf}" />
        <input type="hidden" name="on" value="${f.reminders ? 'no' : 'yes'}" />
        <button>${f.reminders ? t.turnRemindersOff : t.turnRemindersOn}</button>
      </form>
    </section>
    <section aria-labelledby="dev-h">
      <h2 id="dev-h">${t.signedInDevices}</h2>
      <ul class="devices">
        ${f.devices.map(
          (d) =>
            html`<li>
              <span
                >${deviceName(d.userAgent, t)}${d.id === f.currentDeviceId ? ` ${t.thisOne}` : ''}<span
                  class="sku"
                  >${t.lastUsed(day(d.lastSeenAt, t))}</span
                ></span
              >
              <form method="post" action="/portal/devices/${d.id}/revoke">
                <input type="hidden" name="_csrf" value="${f.csrf}" />
                <button class="small">${t.signOut}</button>
              </form>
            </li>`,
        )}
      </ul>
    </section>`;
}

/** "Android phone", "iPhone", "Windows computer": enough to tell devices apart. */
export function deviceName(userAgent: string | null, t: PortalText): string {
  return t.devices[deviceKind(userAgent ?? '')];
}

function deviceKind(ua: string): DeviceKind {
  if (/iPhone/i.test(ua)) return 'iphone';
  if (/iPad/i.test(ua)) return 'ipad';
  if (/Android/i.test(ua)) return /Mobile/i.test(ua) ? 'androidPhone' : 'androidTablet';
  if (/Windows/i.test(ua)) return 'windows';
  if (/Macintosh|Mac OS/i.test(ua)) return 'mac';
  if (/Linux/i.test(ua)) return 'linux';
  return 'other';
}

/**
 * The review queue (oldest first, with the reason) and one item's page:
 * the dealer's message beside the draft, with product search, quantities,
 * dealer attachment, approve and reject.
 */
import { aliasFromSource } from '../../../services/learn-alias.js';
import type { JsonValue } from '../../../db/schema.js';
import type {
  MessageView,
  OrderDetail,
  ReviewItem,
} from '../../../repositories/read-models/console.read-model.js';
import { age, html, raw, when, type SafeHtml } from '../html.js';
import { filePanels } from './file-panels.js';

export interface QueueJsonItem {
  kind: 'order' | 'message';
  id: string;
  href: string;
  title: string;
  who: string;
  reason: string;
  preview: string;
  channel: string;
  age: string;
  /** ok, warn, late: against the review SLA (colours in the queue). */
  sla: 'ok' | 'warn' | 'late';
  /** Who is on it, if anyone. */
  claimedBy: string | null;
  claimedById: string | null;
}

/** Minutes after which an item waits too long: amber, then red. */
export interface ReviewSla {
  warn: number;
  late: number;
}
export const DEFAULT_REVIEW_SLA: ReviewSla = { warn: 15, late: 60 };

export function slaOf(receivedAt: Date, now: Date, sla: ReviewSla): QueueJsonItem['sla'] {
  const minutes = (now.getTime() - receivedAt.getTime()) / 60_000;
  return minutes >= sla.late ? 'late' : minutes >= sla.warn ? 'warn' : 'ok';
}

export function queueItemJson(
  item: ReviewItem,
  now = new Date(),
  sla: ReviewSla = DEFAULT_REVIEW_SLA,
): QueueJsonItem {
  return {
    kind: item.kind,
    id: item.id,
    href:
      item.kind === 'order'
        ? `/console/review/orders/${item.id}`
        : `/console/review/messages/${item.id}`,
    title: item.kind === 'order' ? `Draft #${item.orderNo}` : 'Message without a draft',
    who: item.dealerCode
      ? `${item.dealerName ?? item.dealerCode} (${item.dealerCode})`
      : `Unknown sender ${item.sender}`,
    reason: item.reason,
    preview: item.preview,
    channel: item.channel,
    age: age(item.receivedAt, now),
    sla: slaOf(item.receivedAt, now, sla),
    claimedBy: item.claimedBy?.name ?? null,
    claimedById: item.claimedBy?.userId ?? null,
  };
}

export interface QueuePageInput {
  items: ReviewItem[];
  csrf: string;
  userId: string;
  sla: ReviewSla;
  filter: { q: string; channel: string; dealer: string; minAge: string };
  page: number;
  pages: number;
  total: number;
  /** The filter as a query string (for CSV, paging). */
  query: string;
}

function queueRow(j: QueueJsonItem, userId: string): SafeHtml {
  const key = `${j.kind}:${j.id}`;
  return html`<tr class="row-link" data-key="${key}">
    <td class="pick-cell">
      <input type="checkbox" name="key" value="${key}" aria-label="Select ${j.title}" />
    </td>
    <td>
      <a class="open" href="${j.href}">${j.title}</a>
      <div class="small muted">${j.who}</div>
    </td>
    <td>
      <div>${j.reason}</div>
      <div class="small muted">${j.preview}</div>
    </td>
    <td class="hide-narrow">${j.channel}</td>
    <td class="num sla-${j.sla}">${j.age}</td>
    <td class="claim">
      ${
        j.claimedBy === null
          ? html`<button
              class="small secondary"
              formaction="/console/review/claim"
              name="claim"
              value="${key}"
            >
              I'm on this
            </button>`
          : j.claimedById === userId
            ? html`<span class="small">You are on this</span>
                <button
                  class="link"
                  formaction="/console/review/unclaim"
                  name="claim"
                  value="${key}"
                >
                  Let go
                </button>`
            : html`<span class="small claimed">${j.claimedBy} is on this</span>`
      }
    </td>
  </tr>`;
}

export function reviewQueueBody(input: QueuePageInput): SafeHtml {
  const now = new Date();
  const { items, filter } = input;
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}" ${value === current ? raw('selected') : ''}>${label}</option>`;
  const pageLink = (page: number, label: string) =>
    html`<a href="/console/review?${input.query}${input.query ? '&' : ''}page=${page}"
      >${label}</a
    >`;
  return html`<div class="head">
      <div>
        <h1>Review queue</h1>
        <p class="sub">
          Drafts the parser was unsure of and messages waiting for a dealer, oldest first. New ones
          appear here on their own. Amber after ${input.sla.warn} min, red after ${input.sla.late}.
        </p>
      </div>
      <p class="hint">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>?</kbd> help
      </p>
    </div>
    <form method="get" action="/console/review" class="filters card" role="search">
      <div class="field">
        <label for="f-q">Search</label>
        <input
          id="f-q"
          name="q"
          type="search"
          value="${filter.q}"
          placeholder="words, phone, dealer"
        />
      </div>
      <div class="field">
        <label for="f-channel">Channel</label>
        <select id="f-channel" name="channel">
          ${option('', 'any', filter.channel)} ${option('whatsapp', 'WhatsApp', filter.channel)}
          ${option('email', 'email', filter.channel)}
          ${option('webchat', 'web chat', filter.channel)}
          ${option('transcript', 'phone', filter.channel)}
        </select>
      </div>
      <div class="field">
        <label for="f-dealer">Dealer code</label>
        <input id="f-dealer" name="dealer" type="text" value="${filter.dealer}" />
      </div>
      <div class="field">
        <label for="f-age">Waiting</label>
        <select id="f-age" name="min_age">
          ${option('', 'any time', filter.minAge)} ${option('15', '15 min or more', filter.minAge)}
          ${option('60', 'an hour or more', filter.minAge)}
          ${option('240', '4 hours or more', filter.minAge)}
        </select>
      </div>
      <div class="field"><button type="submit">Filter</button></div>
      <div class="field">
        <a
          class="button secondary"
          href="/console/review.csv${input.query ? `?${input.query}` : ''}"
          download
          >CSV</a
        >
      </div>
    </form>
    <form method="post" action="/console/review/bulk-reject" class="card flush" id="queue-form">
      <input type="hidden" name="_csrf" value="${input.csrf}" />
      <table id="queue-table" ${items.length === 0 ? raw('hidden') : ''}>
        <caption class="visually-hidden">
          Items waiting for review
        </caption>
        <thead>
          <tr>
            <th scope="col" class="pick-cell"><span class="visually-hidden">Select</span></th>
            <th scope="col">Item</th>
            <th scope="col">Why it waits</th>
            <th scope="col" class="hide-narrow">Channel</th>
            <th scope="col" class="num">Waiting</th>
            <th scope="col">Who</th>
          </tr>
        </thead>
        <tbody id="queue-body">
          ${items.map((i) => queueRow(queueItemJson(i, now, input.sla), input.userId))}
        </tbody>
      </table>
      <div id="queue-empty" class="empty" ${items.length > 0 ? raw('hidden') : ''}>
        <strong>Nothing to review</strong>Every message so far was read with confidence. New drafts
        show up here without a reload.
      </div>
      <div class="bulk">
        <label for="bulk-note"
          >Reply to the selected (reject: spam, wrong number, duplicates)</label
        >
        <input
          id="bulk-note"
          name="note"
          type="text"
          placeholder="e.g. This number does not order from us."
        />
        <button type="submit" class="danger">Reject selected</button>
      </div>
    </form>
    <p class="pager">
      ${input.page > 1 ? pageLink(input.page - 1, '← Previous page') : ''}
      <span class="muted small"
        >${input.total} item${input.total === 1 ? '' : 's'} · page ${input.page} of
        ${Math.max(1, input.pages)}</span
      >
      ${input.page < input.pages ? pageLink(input.page + 1, 'Next page →') : ''}
    </p>
    ${helpBox()}`;
}

function helpBox(): SafeHtml {
  return html`<aside id="help" class="card" hidden aria-label="Keyboard shortcuts">
    <h2>Keyboard</h2>
    <dl class="facts small">
      <dt><kbd>j</kbd> <kbd>k</kbd></dt>
      <dd>next / previous item</dd>
      <dt><kbd>Enter</kbd></dt>
      <dd>open the item</dd>
      <dt><kbd>/</kbd></dt>
      <dd>search a product</dd>
      <dt><kbd>a</kbd> or <kbd>Ctrl</kbd>+<kbd>Enter</kbd></dt>
      <dd>approve the draft</dd>
      <dt><kbd>r</kbd></dt>
      <dd>write a rejection</dd>
      <dt><kbd>n</kbd></dt>
      <dd>next item in the queue</dd>
      <dt><kbd>Esc</kbd></dt>
      <dd>close this help</dd>
    </dl>
  </aside>`;
}

interface Mention {
  source: string;
  message: string;
  candidates: { sku: string; name: string }[];
}

/** Mentions the parser could not settle, from the order's review reasons. */
export function unresolvedMentions(reasons: JsonValue[]): Mention[] {
  const out: Mention[] = [];
  for (const r of reasons) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) continue;
    const source = typeof r.source === 'string' ? r.source : '';
    if (source === '') continue;
    if (
      ![
        'ambiguous_product',
        'unknown_product',
        'missing_quantity',
        'uncertain',
        'leftover_text',
        'fractional_quantity',
      ].includes(String(r.code))
    )
      continue;
    const candidates = Array.isArray(r.candidates)
      ? r.candidates.flatMap((c) =>
          typeof c === 'object' && c !== null && !Array.isArray(c) && typeof c.sku === 'string'
            ? [{ sku: c.sku, name: typeof c.name === 'string' ? c.name : c.sku }]
            : [],
        )
      : [];
    out.push({ source, message: typeof r.message === 'string' ? r.message : '', candidates });
  }
  return out;
}

export function reasonList(reasons: JsonValue[], fallback: string | null): SafeHtml {
  const texts = reasons.flatMap((r) =>
    typeof r === 'object' && r !== null && !Array.isArray(r) && typeof r.message === 'string'
      ? [r.message]
      : [],
  );
  if (texts.length === 0 && fallback) texts.push(fallback);
  return html`<ul class="reasons">
    ${texts.map((t) => html`<li>${t}</li>`)}
  </ul>`;
}

export function messagePanel(
  message: MessageView | undefined,
  /** On a message waiting without a draft: voice notes get a form to type what was said. */
  csrf: string | null = null,
): SafeHtml {
  if (!message)
    return html`<section class="card">
      <h2>Message</h2>
      <p class="muted">No message is stored for this order.</p>
    </section>`;
  const attachments = message.attachments.flatMap((a) =>
    typeof a === 'object' && a !== null && !Array.isArray(a) ? [a] : [],
  );
  return html`<section class="card" aria-labelledby="msg-h">
    <h2 id="msg-h">The dealer's message</h2>
    <dl class="facts">
      <dt>From</dt>
      <dd>${message.sender} <span class="muted">via ${message.channel}</span></dd>
      <dt>Received</dt>
      <dd>${when(message.receivedAt)}</dd>
      ${
        message.subject
          ? html`<dt>Subject</dt>
              <dd>${message.subject}</dd>`
          : ''
      }
      ${
        attachments.length > 0
          ? html`<dt>Attachments</dt>
              <dd>
                ${attachments.map((a) => html`<div>${String(a.filename ?? 'file')} <span class="muted small">${String(a.content_type ?? '')} · ${String(a.size ?? '?')} bytes</span></div>`)}
              </dd>`
          : ''
      }
    </dl>
    <pre class="raw">${message.text}</pre>
    ${filePanels(message.files, {
      transcriptFormFor: csrf === null ? null : { messageId: message.id, csrf },
    })}
  </section>`;
}

/** A product's sales unit and what one holds: "carton", 12, "tin". */
export interface LineUnit {
  unit: string;
  packSize: number;
  pieceUnit: string | null;
}

/** "5 carton = 60 tin" under the quantity, so nobody mistakes cartons for tins. */
function unitHint(qty: number | '', unit: LineUnit | null): SafeHtml {
  if (unit === null) return html``;
  const pieces =
    unit.pieceUnit !== null && unit.packSize > 1
      ? ` = ${typeof qty === 'number' ? qty * unit.packSize : unit.packSize} ${unit.pieceUnit}`
      : '';
  return html`<div class="small muted" data-unit-hint>
    ${typeof qty === 'number' ? `${qty} ${unit.unit}${pieces}` : `per ${unit.unit}${pieces}`}
  </div>`;
}

function lineRow(
  n: number,
  value: string,
  qty: number | '',
  source: string | null,
  mention: Mention | null,
  unit: LineUnit | null = null,
): SafeHtml {
  const id = `line-${n}`;
  return html`<tr>
    <td>
      <label for="${id}-sku" class="visually-hidden">Product for line ${n}</label>
      <input
        type="text"
        id="${id}-sku"
        name="line_sku"
        value="${value}"
        placeholder="Search name or SKU"
        autocomplete="off"
        data-product-search
      />
      <input type="hidden" name="line_source" value="${source ?? ''}" />
      ${source ? html`<div class="src">Dealer wrote: “${source}”</div>` : ''}
      ${source && aliasFromSource(source) ? html`<div class="src small muted">If you change the product, the words “${aliasFromSource(source)}” are remembered for it (unless too general).</div>` : ''}
      ${
        mention && mention.candidates.length > 0
          ? html`<div class="picks" role="group" aria-label="Suggestions for line ${n}">
              ${mention.candidates.map(
                (c) =>
                  html`<button
                    type="button"
                    data-fill="${id}-sku"
                    data-value="${c.sku} — ${c.name}"
                  >
                    ${c.name}
                  </button>`,
              )}
            </div>`
          : ''
      }
    </td>
    <td>
      <label for="${id}-qty" class="visually-hidden">Quantity for line ${n}</label>
      <input
        type="number"
        id="${id}-qty"
        name="line_qty"
        value="${qty}"
        min="1"
        step="1"
        inputmode="numeric"
      />
      ${unit ? html`<span class="unit">${unit.unit}</span>` : ''} ${unitHint(qty, unit)}
    </td>
    <td>
      <button type="button" class="link" data-remove-line aria-label="Remove line ${n}">
        Remove
      </button>
    </td>
  </tr>`;
}

export interface ReviewOrderPageInput {
  order: OrderDetail;
  message: MessageView | undefined;
  csrf: string;
  canLearnGlobal: boolean;
  nextHref: string | null;
  error: string | null;
  /** Sales units of the products on the form, by SKU. */
  units: ReadonlyMap<string, LineUnit>;
  /** The question the dealer was asked about this draft and has not answered yet. */
  pendingQuestion?: { kind: string; mentions: string[] } | undefined;
  /** The lines as last submitted (shown again with an error, typed text kept). */
  typed?: { product: string; qty: string; source: string | null }[];
}

export function reviewOrderBody(input: ReviewOrderPageInput): SafeHtml {
  const { order, message, csrf } = input;
  const mentions = unresolvedMentions(order.reviewReasons);
  // OCR misreads ("pox", "Va tra") are not a dealer's words: not learned unless ops choose to.
  const fromOcr = order.reviewReasons.some(
    (r) => (r as { code?: unknown }).code === 'low_ocr_confidence',
  );
  const lineSources = new Set(order.lines.map((l) => l.sourceText));
  let n = 0;
  const unitOf = (product: string) => input.units.get(product.split(' — ')[0]!.trim()) ?? null;
  const rows: SafeHtml[] = input.typed
    ? input.typed.map((t) => {
        const qty = /^\d+$/.test(t.qty) ? Number(t.qty) : '';
        return lineRow(++n, t.product, qty, t.source, null, unitOf(t.product));
      })
    : [
        ...order.lines.map((l) =>
          lineRow(
            ++n,
            `${l.sku} — ${l.name ?? l.sku}`,
            l.qty,
            l.sourceText,
            null,
            input.units.get(l.sku) ?? null,
          ),
        ),
        ...mentions
          .filter((m) => !lineSources.has(m.source))
          .map((m) => lineRow(++n, '', guessQty(m.source), m.source, m)),
      ];
  if (rows.length === 0) rows.push(lineRow(++n, '', '', null, null));
  const needsDealer = order.dealerCode === null;
  return html`<div class="head">
      <div>
        <p class="small muted"><a href="/console/review">← Review queue</a></p>
        <h1>Draft #${order.orderNo}</h1>
        <p class="sub">
          ${order.dealerCode ? html`${order.dealerName ?? ''} <span class="mono">${order.dealerCode}</span>` : 'Sender not on file'}
          · ${order.channel} · ${when(order.createdAt)}
        </p>
      </div>
      ${input.nextHref ? html`<a class="button secondary" href="${input.nextHref}" data-next>Skip to next <kbd>n</kbd></a>` : ''}
    </div>
    ${input.error ? html`<p class="flash error" role="alert">${input.error}</p>` : ''}
    ${
      input.pendingQuestion
        ? html`<p class="flash" role="status">
            The dealer was already asked
            ${
              input.pendingQuestion.kind === 'clarify'
                ? `which product they meant${input.pendingQuestion.mentions.length > 0 ? ` by “${input.pendingQuestion.mentions.join('”, “')}”` : ''}`
                : 'to confirm'
            }
            and has not answered yet; approving now settles it, and a late answer is told so.
          </p>`
        : ''
    }
    <div class="split">
      <div>
        ${messagePanel(message)}
        <section class="card" aria-labelledby="why-h">
          <h2 id="why-h">Why it needs you</h2>
          ${reasonList(order.reviewReasons, order.statusReason)}
        </section>
      </div>
      <div>
        ${needsDealer && message ? attachDealerForm(message, csrf) : ''}
        <section class="card" aria-labelledby="draft-h">
          <h2 id="draft-h">Draft order</h2>
          <form id="approve-form" method="post" action="/console/review/orders/${order.id}/approve">
            <input type="hidden" name="_csrf" value="${csrf}" />
            <table class="lines">
              <caption class="visually-hidden">
                Order lines
              </caption>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Qty</th>
                  <th scope="col"><span class="visually-hidden">Remove</span></th>
                </tr>
              </thead>
              <tbody id="draft-lines">
                ${rows}
              </tbody>
            </table>
            <template id="line-template"
              >${lineRow(0, '', 1, null, null)
                .value.replace(/line-0/g, 'line-__N__')
                .replace(/line 0/g, 'new line')}</template
            >
            <p>
              <button type="button" id="add-line" class="secondary small" hidden>+ Add line</button>
            </p>
            <fieldset>
              <legend>Learn from this correction</legend>
              ${
                fromOcr
                  ? html`<p class="muted small">
                      Read from a photo: its misread words are better not remembered.
                    </p>`
                  : ''
              }
              <label class="check"
                ><input type="radio" name="learn" value="dealer" ${fromOcr ? '' : raw('checked')} />
                Remember the dealer's words for ${order.dealerCode ?? 'this dealer'}</label
              >
              ${input.canLearnGlobal ? html`<label class="check"><input type="radio" name="learn" value="everyone" /> Remember them for every dealer (catalog alias)</label>` : ''}
              <label class="check"
                ><input type="radio" name="learn" value="none" ${fromOcr ? raw('checked') : ''} />
                Don't remember</label
              >
            </fieldset>
            <div class="actions">
              <button type="submit" ${needsDealer ? raw('disabled') : ''}>
                Approve and send <kbd>a</kbd>
              </button>
              <span class="hint"
                >Priced and credit-checked as usual; the dealer gets the reply.</span
              >
            </div>
          </form>
        </section>
        <section class="card" aria-labelledby="reject-h">
          <h2 id="reject-h">Reject</h2>
          <form method="post" action="/console/review/orders/${order.id}/reject">
            <input type="hidden" name="_csrf" value="${csrf}" />
            <div class="field">
              <label for="reject-note">Reply to the dealer</label>
              <textarea
                id="reject-note"
                name="note"
                required
                placeholder="e.g. We could not read the product names. Please send the order again with sizes."
              ></textarea>
            </div>
            <button type="submit" class="danger">Reject and reply</button>
          </form>
        </section>
      </div>
    </div>
    <datalist id="product-options"></datalist
    ><datalist id="dealer-options"></datalist> ${helpBox()}`;
}

function guessQty(source: string): number | '' {
  const m = /\b(\d{1,4})\b/.exec(source);
  return m ? Number(m[1]) : '';
}

function attachDealerForm(message: MessageView, csrf: string): SafeHtml {
  if (message.dealerCode !== null) {
    return html`<section class="card" aria-labelledby="attach-h">
      <h2 id="attach-h">Make the order</h2>
      <p class="small muted">
        From dealer ${message.dealerCode}. Start a draft and add the lines the parser could not
        read.
      </p>
      <form method="post" action="/console/review/messages/${message.id}/attach">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <input type="hidden" name="dealer" value="${message.dealerCode}" />
        <div class="actions"><button type="submit">Start a draft</button></div>
      </form>
    </section>`;
  }
  const linkable = message.channel === 'whatsapp' || message.channel === 'email';
  return html`<section class="card" aria-labelledby="attach-h">
    <h2 id="attach-h">Who is this?</h2>
    <p class="small muted">${message.sender} is not on file. Attach the dealer to continue.</p>
    <form method="post" action="/console/review/messages/${message.id}/attach">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <div class="field">
        <label for="attach-dealer">Dealer</label>
        <input
          type="text"
          id="attach-dealer"
          name="dealer"
          required
          autocomplete="off"
          placeholder="Code or name"
          data-dealer-search
        />
      </div>
      ${linkable ? html`<label class="check"><input type="checkbox" name="link" value="1" checked /> Also link ${message.sender} to this dealer for next time</label>` : ''}
      <div class="actions"><button type="submit">Attach dealer</button></div>
    </form>
  </section>`;
}

export function reviewMessageBody(
  message: MessageView,
  csrf: string,
  error: string | null,
): SafeHtml {
  return html`<div class="head">
      <div>
        <p class="small muted"><a href="/console/review">← Review queue</a></p>
        <h1>Message without a draft</h1>
        <p class="sub">${message.sender} · ${message.channel} · ${when(message.receivedAt)}</p>
      </div>
    </div>
    ${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
    <div class="split">
      <div>
        ${messagePanel(message, csrf)}
        <section class="card">
          <h2>Why it needs you</h2>
          <ul class="reasons">
            <li>${message.error ?? 'waiting for a person'}</li>
          </ul>
        </section>
      </div>
      <div>
        ${attachDealerForm(message, csrf)}
        <section class="card" aria-labelledby="dismiss-h">
          <h2 id="dismiss-h">Nothing to order</h2>
          <form method="post" action="/console/review/messages/${message.id}/dismiss">
            <input type="hidden" name="_csrf" value="${csrf}" />
            <div class="field">
              <label for="reject-note">Reply to the sender (optional)</label>
              <textarea
                id="reject-note"
                name="note"
                placeholder="Leave empty to close without a reply"
              ></textarea>
            </div>
            <button type="submit" class="secondary">Close the message</button>
          </form>
        </section>
      </div>
    </div>
    <datalist id="product-options"></datalist
    ><datalist id="dealer-options"></datalist> ${helpBox()}`;
}

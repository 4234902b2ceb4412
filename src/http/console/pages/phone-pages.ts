/**
 * Phone orders: ops staff paste (or load from a .txt file) the transcript of
 * a dealer's call; it enters the pipeline as channel `transcript`, like
 * POST /api/transcripts. Beside the form, the latest transcripts with what
 * became of them and the reply to read back to the dealer.
 */
import type { PhoneOrderRow } from '../../../repositories/read-models/phone-orders.read-model.js';
import { html, statusBadge, when, type SafeHtml } from '../html.js';

/** The most a pasted transcript may hold; a call's notes are far shorter. */
export const MAX_TRANSCRIPT_CHARS = 20_000;

export function phoneOrdersBody(input: {
  csrf: string;
  recent: PhoneOrderRow[];
  /** What was typed, kept when the form comes back with an error. */
  dealer?: string;
  text?: string;
  error?: string | null;
}): SafeHtml {
  return html`<div class="head">
      <div>
        <h1>Phone orders</h1>
        <p class="sub">
          The transcript of a dealer's call goes through the same reading, pricing and credit check
          as WhatsApp and email.
        </p>
      </div>
    </div>
    <div class="split">
      <section class="card" aria-labelledby="new-h">
        <h2 id="new-h">New transcript</h2>
        ${input.error ? html`<p class="flash error" role="alert">${input.error}</p>` : ''}
        <form method="post" action="/console/phone">
          <input type="hidden" name="_csrf" value="${input.csrf}" />
          <div class="field">
            <label for="phone-dealer">Dealer</label>
            <input
              type="text"
              id="phone-dealer"
              name="dealer"
              value="${input.dealer ?? ''}"
              required
              autocomplete="off"
              placeholder="Code or name"
              data-dealer-search
            />
          </div>
          <div class="field">
            <label for="phone-text">Transcript</label>
            <textarea
              id="phone-text"
              name="text"
              rows="12"
              required
              maxlength="${MAX_TRANSCRIPT_CHARS}"
              placeholder="Paste the call as typed or transcribed, e.g.&#10;Dealer: send 10 boxes of the 500 ml one&#10;Agent: 10 boxes of 500 ml, noted."
            >
${input.text ?? ''}</textarea>
          </div>
          <div class="field">
            <label for="phone-file">Or load a text file</label>
            <input
              type="file"
              id="phone-file"
              accept=".txt,text/plain"
              data-fill-textarea="phone-text"
            />
          </div>
          <div class="actions"><button type="submit">Send to the pipeline</button></div>
        </form>
      </section>
      <section class="card flush" aria-labelledby="recent-h">
        <div class="card-head"><h2 id="recent-h">Latest phone orders</h2></div>
        ${
          input.recent.length === 0
            ? html`<div class="empty">
                <strong>None yet</strong>Transcripts you send appear here.
              </div>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Received</th>
                    <th scope="col">Dealer</th>
                    <th scope="col">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  ${input.recent.map(recentRow)}
                </tbody>
              </table>`
        }
      </section>
    </div>
    <datalist id="dealer-options"></datalist>`;
}

function recentRow(r: PhoneOrderRow): SafeHtml {
  const orders =
    r.orders.length === 0
      ? statusBadge(r.status)
      : r.orders.map(
          (o) =>
            html`<div>
              <a href="/console/orders/${o.id}">#${o.orderNo}</a> ${statusBadge(o.status)}
            </div>`,
        );
  return html`<tr>
    <td class="num">${when(r.receivedAt)}</td>
    <td>${r.dealerName ?? '—'} <span class="mono muted">${r.dealerCode ?? ''}</span></td>
    <td>
      ${orders}
      ${
        r.reply === null
          ? html`<p class="small muted">Being read… reload to see the reply.</p>`
          : html`<details>
              <summary class="small">Reply to read back</summary>
              <p class="raw small">${r.reply}</p>
            </details>`
      }
    </td>
  </tr>`;
}

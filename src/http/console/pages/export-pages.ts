/**
 * The ERP export page: each target with its queue, the dead letters with a
 * button to try again, deliveries still retrying, and a form to send one
 * order or a date range to the ERP again (finance and admins).
 */
import type {
  ExportProblem,
  ExportTargetStatus,
} from '../../../repositories/read-models/export-status.read-model.js';
import { html, when, type SafeHtml } from '../html.js';

export interface ExportsPageInput {
  targets: ExportTargetStatus[];
  dead: ExportProblem[];
  retrying: ExportProblem[];
  /** Set when the user may send orders again. */
  csrf: string | null;
  error?: string;
  form?: { order?: string; from?: string; to?: string };
  /** The download form as typed, and what was wrong with it. */
  download?: { from?: string; to?: string };
  downloadError?: string;
}

const KIND_LABEL: Record<ExportTargetStatus['kind'], string> = {
  webhook: 'Signed webhook',
  csv: 'CSV files',
  xlsx: 'Excel files',
  tally: 'Tally Prime XML',
};

function problemsTable(
  caption: string,
  rows: ExportProblem[],
  csrf: string | null,
  retry: boolean,
): SafeHtml {
  return html`<table>
    <caption class="visually-hidden">
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Order</th>
        <th scope="col">Target</th>
        <th scope="col" class="num">Tries</th>
        <th scope="col">Last error</th>
        <th scope="col" class="num">${retry ? 'Given up' : 'Next try'}</th>
        ${retry && csrf !== null ? html`<th scope="col"><span class="visually-hidden">Action</span></th>` : ''}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <td>
              <a href="/console/orders/${r.orderId}">${r.orderNumber}</a>
              <span class="muted small">v${r.version}</span>
            </td>
            <td>${r.target}</td>
            <td class="num">${r.attempts}</td>
            <td class="small">
              ${r.responseStatus === null ? '' : html`<span class="mono">HTTP ${r.responseStatus}</span> `}${r.lastError ?? '—'}
            </td>
            <td class="num">${when(r.at)}</td>
            ${
              retry && csrf !== null
                ? html`<td>
                    <form
                      class="inline"
                      method="post"
                      action="/console/exports/deliveries/${r.id}/retry"
                    >
                      <input type="hidden" name="_csrf" value="${csrf}" />
                      <button type="submit" class="link" aria-label="Try ${r.orderNumber} again">
                        Try again
                      </button>
                    </form>
                  </td>`
                : ''
            }
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function downloadSection(input: ExportsPageInput): SafeHtml {
  return html`<section class="card">
    <h2>Download</h2>
    <p class="small muted">
      The orders confirmed in a range, one row per line, in the columns a file target writes.
      Downloading sends nothing to the ERP.
    </p>
    ${input.downloadError ? html`<p class="flash error" role="alert">${input.downloadError}</p>` : ''}
    <form class="filters" method="get" action="/console/exports/orders.csv">
      <div>
        <label for="d-from">Confirmed from</label
        ><input
          type="date"
          id="d-from"
          name="from"
          value="${input.download?.from ?? ''}"
          required
        />
      </div>
      <div>
        <label for="d-to">to</label
        ><input type="date" id="d-to" name="to" value="${input.download?.to ?? ''}" required />
      </div>
      <div>
        <button type="submit">CSV</button>
        <button type="submit" formaction="/console/exports/orders.xlsx">Excel</button>
      </div>
    </form>
  </section>`;
}

export function exportsBody(input: ExportsPageInput): SafeHtml {
  const form = input.form ?? {};
  return html`<div class="head">
      <div>
        <h1>ERP export</h1>
        <p class="sub">
          Every confirmed order goes once to each target below. A target that keeps refusing an
          order gives it up after the last try; it waits here until someone sends it again.
        </p>
      </div>
    </div>
    <section class="card flush">
      ${
        input.targets.length === 0
          ? html`<div class="empty">
              <strong>No export target yet</strong>Set ORDERDESK_EXPORT_WEBHOOK_URL, or add a file
              or Tally target (see docs/accounting.md).
            </div>`
          : html`<table>
              <caption class="visually-hidden">
                Targets
              </caption>
              <thead>
                <tr>
                  <th scope="col">Target</th>
                  <th scope="col">Kind</th>
                  <th scope="col" class="num">Waiting</th>
                  <th scope="col" class="num">Delivered</th>
                  <th scope="col" class="num">Given up</th>
                  <th scope="col" class="num">Last delivered</th>
                </tr>
              </thead>
              <tbody>
                ${input.targets.map(
                  (t) =>
                    html`<tr>
                      <td>${t.name}${t.active ? '' : html` <span class="badge">off</span>`}</td>
                      <td>${KIND_LABEL[t.kind]}</td>
                      <td class="num">${t.pending}</td>
                      <td class="num">${t.delivered}</td>
                      <td class="num">
                        ${t.dead > 0 ? html`<span class="badge b-bad">${t.dead}</span>` : '0'}
                      </td>
                      <td class="num">
                        ${t.lastDeliveredAt === null ? '—' : when(t.lastDeliveredAt)}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <section class="card flush">
      <h2>Given up</h2>
      ${
        input.dead.length === 0
          ? html`<div class="empty">
              Nothing given up: every order reached its targets or is on its way.
            </div>`
          : problemsTable('Given up', input.dead, input.csrf, true)
      }
    </section>
    ${
      input.retrying.length === 0
        ? ''
        : html`<section class="card flush">
            <h2>Retrying</h2>
            ${problemsTable('Retrying', input.retrying, input.csrf, false)}
          </section>`
    }
    ${downloadSection(input)}
    ${
      input.csrf === null
        ? ''
        : html`<section class="card">
            <h2>Send again</h2>
            <p class="small muted">
              Queues the orders for every active target. A webhook gets the same Idempotency-Key as
              before; a file is written only if it is no longer in its folder. Recorded on each
              order's history.
            </p>
            ${input.error ? html`<p class="flash error" role="alert">${input.error}</p>` : ''}
            <form class="filters" method="post" action="/console/exports/resend">
              <input type="hidden" name="_csrf" value="${input.csrf}" />
              <div>
                <label for="r-order">One order</label
                ><input
                  id="r-order"
                  name="order"
                  value="${form.order ?? ''}"
                  placeholder="SO-2026-000123"
                  autocomplete="off"
                />
              </div>
              <div>
                <label for="r-from">or confirmed from</label
                ><input type="date" id="r-from" name="from" value="${form.from ?? ''}" />
              </div>
              <div>
                <label for="r-to">to</label
                ><input type="date" id="r-to" name="to" value="${form.to ?? ''}" />
              </div>
              <div><button type="submit">Send again</button></div>
            </form>
          </section>`
    }`;
}

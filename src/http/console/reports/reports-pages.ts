/**
 * The report pages (presenter): filters as a GET form (so every view is a
 * shareable link), headline figures, a chart drawn by /console/assets/reports.js
 * from a JSON block (Chart.js, served from this origin), the table under it
 * (the same tables the CSV/XLSX downloads hold), and drill-down links from
 * every bar and row to the orders behind it.
 */
import { formatMinor } from '../../../domain/money.js';
import {
  periodRange,
  rangePresets,
  type IsoDate,
  type PeriodKind,
} from '../../../domain/report-periods.js';
import { AGEING_BUCKETS, type CreditReport } from '../../../services/reports/credit-report.js';
import type { DealerTrend, DealerTrendsReport } from '../../../services/reports/dealer-trends.js';
import type { DrillOrders } from '../../../services/reports/drill-orders.js';
import type { OperationsReport } from '../../../services/reports/operations-report.js';
import {
  DIMENSION_LABELS,
  DIMENSIONS,
  isPeriod,
  toQueryString,
  type Dimension,
} from '../../../services/reports/report-scope.js';
import {
  cellText,
  creditTables,
  operationsTables,
  trendsTables,
  volumeTable,
  type ReportTable,
} from '../../../services/reports/report-tables.js';
import type { VolumeReport } from '../../../services/reports/volume-report.js';
import { html, money, raw, type SafeHtml } from '../html.js';

export type ReportTab = 'volume' | 'dealers' | 'credit' | 'operations';

const TABS: [ReportTab, string][] = [
  ['volume', 'Volume'],
  ['dealers', 'Growing & declining'],
  ['credit', 'Credit exposure'],
  ['operations', 'Operations'],
];

/** The query of the page, as strings (what the form and every link carry). */
export type PageQuery = Record<string, string | undefined>;

/** The signed-in user's weekly-digest choice, shown on every report page. */
export interface DigestToggle {
  on: boolean;
  csrf: string;
  /** The page to come back to. */
  back: string;
}

function tabs(active: ReportTab, digest: DigestToggle): SafeHtml {
  return html`<div class="tabs-row">
    <nav class="tabs" aria-label="Reports">
      ${TABS.map(
        ([id, label]) =>
          html`<a href="/console/reports/${id}" ${id === active ? html`aria-current="page"` : ''}
            >${label}</a
          >`,
      )}
    </nav>
    <form class="digest" method="post" action="/console/reports/digest">
      <input type="hidden" name="_csrf" value="${digest.csrf}" />
      <input type="hidden" name="back" value="${digest.back}" />
      <input type="hidden" name="on" value="${digest.on ? 'false' : 'true'}" />
      <span class="muted small">Weekly digest by email: ${digest.on ? 'on' : 'off'}</span>
      <button type="submit" class="secondary small">
        ${digest.on ? 'Turn off' : 'Email me every Monday'}
      </button>
    </form>
  </div>`;
}

function downloads(path: string, q: PageQuery): SafeHtml {
  return html`<p class="downloads">
    Download
    <a href="${path}${toQueryString({ ...q, format: 'csv' })}" download>CSV</a> ·
    <a href="${path}${toQueryString({ ...q, format: 'xlsx' })}" download>Excel (XLSX)</a>
  </p>`;
}

function rupees(minor: bigint): string {
  return `₹${money(minor)}`;
}

function delta(pct: number | null): SafeHtml {
  if (pct === null) return html`<span class="delta">—</span>`;
  const cls = pct > 0 ? 'up' : pct < 0 ? 'down' : '';
  return html`<span class="delta ${cls}"
    >${pct > 0 ? '▲' : pct < 0 ? '▼' : ''} ${Math.abs(pct).toFixed(1)}%</span
  >`;
}

function changePct(now: bigint, before: bigint): number | null {
  return before === 0n ? null : Math.round((Number(now - before) / Number(before)) * 1000) / 10;
}

function stat(label: string, value: string, extra: SafeHtml | string = ''): SafeHtml {
  return html`<div class="stat">
    <div class="k">${label}</div>
    <div class="v">${value}</div>
    ${extra}
  </div>`;
}

/** A table; `link` gives a row's drill-down (its first cell becomes the link). */
export function tableHtml(
  t: ReportTable,
  options: {
    link?: (row: ReportTable['rows'][number]) => string | null;
    hide?: string[];
    limit?: number;
  } = {},
): SafeHtml {
  const columns = t.columns.filter((c) => !(options.hide ?? []).includes(c.key));
  const rows = options.limit === undefined ? t.rows : t.rows.slice(0, options.limit);
  if (t.rows.length === 0) return html`<p class="muted empty">Nothing in this range.</p>`;
  return html`<table>
      <thead>
        <tr>
          ${columns.map((c) => html`<th class="${c.type === 'text' || c.type === 'date' ? '' : 'num'}" scope="col">${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map((r) => {
          const href = options.link?.(r) ?? null;
          return html`<tr>
            ${columns.map((c, i) => {
              const v = r[c.key] ?? null;
              const text =
                c.type === 'money' && typeof v === 'bigint'
                  ? money(v)
                  : c.type === 'pct' && typeof v === 'number'
                    ? `${v > 0 ? '+' : ''}${v.toFixed(1)}`
                    : cellText(c.type, v);
              const cls = c.type === 'text' || c.type === 'date' ? '' : 'num';
              return i === 0 && href !== null
                ? html`<td class="${cls}"><a href="${href}">${text}</a></td>`
                : html`<td class="${cls}">${text === '' ? '—' : text}</td>`;
            })}
          </tr>`;
        })}
      </tbody>
    </table>
    ${
      options.limit !== undefined && t.rows.length > options.limit
        ? html`<p class="muted small more">
            Showing ${options.limit} of ${t.rows.length} rows; the download has all.
          </p>`
        : ''
    }`;
}

/** What /console/assets/reports.js draws. */
export interface ChartSpec {
  type: 'bar' | 'line';
  horizontal?: boolean;
  stacked?: boolean;
  /** How values read: rupees, counts or percent. */
  unit: 'rupees' | 'count' | 'percent';
  labels: string[];
  datasets: { label: string; data: number[]; role?: 'previous' }[];
  /** Drill-down per dataset and label; null where there is nothing to open. */
  links?: (string | null)[][];
}

function chart(id: string, title: string, spec: ChartSpec): SafeHtml {
  // Script content is not HTML-decoded: the JSON goes in raw, with every `<` escaped so it can
  // never close its element.
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return html`<figure class="chart">
    <div class="chart-box"><canvas id="${id}" role="img" aria-label="${title}"></canvas></div>
    <script type="application/json" data-chart="${id}">
      ${raw(json)}
    </script>
  </figure>`;
}

const toRupees = (minor: bigint): number => Number(minor) / 100;

// ------------------------------------------------------------------ volume

const FILTER_KEYS = ['dealer', 'region', 'channel', 'sku', 'brand', 'category'] as const;

/** The drill-down of one bar or row: the page's filters narrowed by its key(s). */
export function drillHref(
  report: Pick<VolumeReport, 'from' | 'to'>,
  q: PageQuery,
  parts: [Dimension, string][],
): string | null {
  const target: PageQuery = Object.fromEntries(FILTER_KEYS.map((k) => [k, q[k]]));
  let from = report.from;
  let to = report.to;
  for (const [dim, key] of parts) {
    if (isPeriod(dim)) {
      const r = periodRange(dim as PeriodKind, key);
      if (r === null) return null;
      if (r.from > from) from = r.from;
      if (r.to < to) to = r.to;
    } else {
      target[dim === 'product' ? 'sku' : dim] = key;
    }
  }
  return `/console/reports/orders${toQueryString({ ...target, from, to })}`;
}

function options(
  values: readonly (readonly [string, string])[],
  selected: string | undefined,
): SafeHtml[] {
  return values.map(
    ([v, label]) =>
      html`<option value="${v}" ${v === (selected ?? '') ? 'selected' : ''}>${label}</option>`,
  );
}

export interface FilterChoices {
  regions: string[];
  brands: string[];
  categories: string[];
  channels: readonly string[];
}

function rangeFields(
  path: string,
  q: PageQuery,
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
): SafeHtml {
  return html`<label>From <input type="date" name="from" value="${from}" max="${today}" /></label>
    <label>To <input type="date" name="to" value="${to}" max="${today}" /></label>
    <p class="presets" aria-label="Quick ranges">
      ${rangePresets(today).map(
        (p) =>
          html`<a
            href="${path}${toQueryString({ ...q, from: p.from, to: p.to })}"
            ${p.from === from && p.to === to ? html`aria-current="true"` : ''}
            >${p.label}</a
          >`,
      )}
    </p>`;
}

export function volumeBody(input: {
  report: VolumeReport;
  q: PageQuery;
  today: IsoDate;
  choices: FilterChoices;
  digest: DigestToggle;
}): SafeHtml {
  const { report: r, q, choices } = input;
  const dims = DIMENSIONS.map((d) => [d, DIMENSION_LABELS[d]] as const);
  const table = volumeTable(r);
  const compareLabel = r.compare === 'last_year' ? 'same period last year' : 'previous period';
  const prev = r.totals.previous;

  const form = html`<form
    class="card filters report-filters"
    method="get"
    action="/console/reports/volume"
  >
    <label
      >Group by
      <select name="by">
        ${options(dims, r.by)}
      </select></label
    >
    <label
      >Then by
      <select name="then">
        ${options([['', '—'], ...dims], r.then)}
      </select></label
    >
    <label
      >Compare with
      <select name="compare">
        ${options(
          [
            ['none', 'Nothing'],
            ['previous', 'Previous period'],
            ['last_year', 'Same period last year'],
          ],
          r.compare,
        )}
      </select></label
    >
    <label
      >Region
      <select name="region">
        ${options([['', 'All'], ...choices.regions.map((x) => [x, x] as const)], q.region)}
      </select></label
    >
    <label
      >Channel
      <select name="channel">
        ${options([['', 'All'], ...choices.channels.map((x) => [x, x] as const)], q.channel)}
      </select></label
    >
    <label
      >Brand
      <select name="brand">
        ${options([['', 'All'], ...choices.brands.map((x) => [x, x] as const)], q.brand)}
      </select></label
    >
    <label
      >Category
      <select name="category">
        ${options([['', 'All'], ...choices.categories.map((x) => [x, x] as const)], q.category)}
      </select></label
    >
    <label>Dealer code <input name="dealer" value="${q.dealer ?? ''}" autocomplete="off" /></label>
    ${q.sku ? html`<input type="hidden" name="sku" value="${q.sku}" />` : ''}
    ${rangeFields('/console/reports/volume', q, r.from, r.to, input.today)}
    <div><button type="submit">Show</button></div>
  </form>`;

  const stats = html`<div class="stats">
    ${stat('Value (net of discounts, before tax)', rupees(r.totals.valueMinor), prev ? html`<div class="small">${delta(changePct(r.totals.valueMinor, prev.valueMinor))} vs ${compareLabel} (${rupees(prev.valueMinor)})</div>` : '')}
    ${stat('Orders', r.totals.orders.toLocaleString('en-IN'), prev ? html`<div class="small">${delta(changePct(BigInt(r.totals.orders), BigInt(prev.orders)))}</div>` : '')}
    ${stat('Quantity (sales units)', r.totals.quantity.toLocaleString('en-IN'))}
    ${stat('Average order', r.totals.orders === 0 ? '—' : rupees(r.totals.valueMinor / BigInt(r.totals.orders)))}
  </div>`;

  return html`<div class="head">
      <div>
        <h1>Order volume</h1>
        <p class="sub">
          ${DIMENSION_LABELS[r.by]}${r.then ? html` × ${DIMENSION_LABELS[r.then]}` : ''}, ${r.from}
          to ${r.to}
          ${r.compareFrom ? html` · compared with ${r.compareFrom} to ${r.compareTo}` : ''} ·
          confirmed orders
        </p>
      </div>
      ${downloads('/console/reports/volume', q)}
    </div>
    ${tabs('volume', input.digest)} ${form} ${stats}
    <section class="card">
      ${chart('volume-chart', `Order value by ${DIMENSION_LABELS[r.by]}`, volumeChart(r, q))}
    </section>
    <section class="card flush">
      ${tableHtml(table, {
        hide: ['key', 'key2'],
        limit: 200,
        link: (row) =>
          drillHref(r, q, [
            [r.by, String(row.key)],
            ...(r.then === undefined || row.key2 === null
              ? []
              : [[r.then, String(row.key2)] as [Dimension, string]]),
          ]),
      })}
    </section>`;
}

const TOP_BARS = 20;
const TOP_SERIES = 8;

export function volumeChart(r: VolumeReport, q: PageQuery): ChartSpec {
  const periodFirst = isPeriod(r.by);
  if (r.then === undefined) {
    const rows = periodFirst ? r.rows : r.rows.slice(0, TOP_BARS);
    const links = rows.map((row) => drillHref(r, q, [[r.by, row.key]]));
    return {
      type: 'bar',
      horizontal: !periodFirst,
      unit: 'rupees',
      labels: rows.map((row) => row.label),
      datasets: [
        { label: `${r.from} to ${r.to}`, data: rows.map((row) => toRupees(row.valueMinor)) },
        ...(r.compare === 'none'
          ? []
          : [
              {
                label: `${r.compareFrom} to ${r.compareTo}`,
                data: rows.map((row) => toRupees(row.previous?.valueMinor ?? 0n)),
                role: 'previous' as const,
              },
            ]),
      ],
      links: r.compare === 'none' ? [links] : [links, links.map(() => null)],
    };
  }
  // Crossed: one bar per `by` key, stacked by the largest `then` keys (the rest as "Other").
  const totalBy = new Map<string, bigint>();
  const totalThen = new Map<string, bigint>();
  const labelOf = new Map<string, string>();
  const label2Of = new Map<string, string>();
  for (const row of r.rows) {
    totalBy.set(row.key, (totalBy.get(row.key) ?? 0n) + row.valueMinor);
    totalThen.set(row.key2 ?? '', (totalThen.get(row.key2 ?? '') ?? 0n) + row.valueMinor);
    labelOf.set(row.key, row.label);
    label2Of.set(row.key2 ?? '', row.label2 ?? '');
  }
  const byDesc = (m: Map<string, bigint>): string[] =>
    [...m]
      .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0])))
      .map(([k]) => k);
  const keys = periodFirst ? [...totalBy.keys()].sort() : byDesc(totalBy).slice(0, TOP_BARS);
  const seriesAll = isPeriod(r.then) ? [...totalThen.keys()].sort() : byDesc(totalThen);
  const series = seriesAll.slice(0, TOP_SERIES);
  const rest = new Set(seriesAll.slice(TOP_SERIES));
  const cell = new Map(r.rows.map((row) => [`${row.key}\u0000${row.key2 ?? ''}`, row.valueMinor]));
  const datasets = series.map((s) => ({
    label: label2Of.get(s) ?? s,
    data: keys.map((k) => toRupees(cell.get(`${k}\u0000${s}`) ?? 0n)),
  }));
  const links = series.map((s) =>
    keys.map((k) =>
      drillHref(r, q, [
        [r.by, k],
        [r.then as Dimension, s],
      ]),
    ),
  );
  if (rest.size > 0) {
    datasets.push({
      label: `Other (${rest.size})`,
      data: keys.map((k) =>
        toRupees([...rest].reduce((a, s) => a + (cell.get(`${k}\u0000${s}`) ?? 0n), 0n)),
      ),
    });
    links.push(keys.map((k) => drillHref(r, q, [[r.by, k]])));
  }
  return {
    type: 'bar',
    horizontal: !periodFirst,
    stacked: true,
    unit: 'rupees',
    labels: keys.map((k) => labelOf.get(k) ?? k),
    datasets,
    links,
  };
}

// ------------------------------------------------------------------ dealers

/** A 12-month sparkline as inline SVG (presentation attributes only: the CSP allows no inline style). */
export function sparkline(values: readonly bigint[]): SafeHtml {
  const w = 96;
  const h = 24;
  const max = values.reduce((a, v) => (v > a ? v : a), 0n);
  const pts = values
    .map((v, i) => {
      const x = values.length <= 1 ? 0 : (i / (values.length - 1)) * (w - 2) + 1;
      const y = max === 0n ? h - 2 : h - 2 - (Number(v) / Number(max)) * (h - 4);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return html`<svg
    class="spark"
    width="${w}"
    height="${h}"
    viewBox="0 0 ${w} ${h}"
    role="img"
    aria-label="Last 12 months"
  >
    <polyline points="${pts}" fill="none" stroke="#0b6e5f" stroke-width="1.5" />
  </svg>`;
}

function trendList(
  title: string,
  note: string,
  list: readonly DealerTrend[],
  kind: 'change' | 'lapsed',
): SafeHtml {
  return html`<section class="card flush">
    <div class="card-head">
      <h2>${title}</h2>
      <p class="muted small">${note}</p>
    </div>
    ${
      list.length === 0
        ? html`<p class="muted empty">None.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Dealer</th>
                <th scope="col">Region</th>
                <th scope="col">Last 12 months</th>
                ${
                  kind === 'change'
                    ? html`<th class="num" scope="col">Last 90 days</th>
                        <th class="num" scope="col">90 days before</th>
                        <th class="num" scope="col">Change</th>
                        <th class="num" scope="col">vs last year</th>`
                    : html`<th class="num" scope="col">Usual interval</th>
                        <th class="num" scope="col">Days since last order</th>`
                }
                <th scope="col">Last order</th>
              </tr>
            </thead>
            <tbody>
              ${list.map(
                (t) =>
                  html`<tr>
                    <td>
                      <a href="/console/dealers/${encodeURIComponent(t.dealer)}">${t.name}</a>
                      <span class="muted small">${t.dealer}</span>
                    </td>
                    <td>${t.region ?? '—'}</td>
                    <td>${sparkline(t.sparkline)}</td>
                    ${
                      kind === 'change'
                        ? html`<td class="num">${rupees(t.currentMinor)}</td>
                            <td class="num">${rupees(t.priorMinor)}</td>
                            <td class="num">${delta(t.changePct)}</td>
                            <td class="num">${delta(t.changeVsLastYearPct)}</td>`
                        : html`<td class="num">
                              ${t.usualIntervalDays === null ? '—' : `${t.usualIntervalDays} d`}
                            </td>
                            <td class="num">${t.daysSinceLastOrder ?? '—'}</td>`
                    }
                    <td>${t.lastOrder ?? '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

export function dealersBody(input: {
  report: DealerTrendsReport;
  q: PageQuery;
  regions: string[];
  digest: DigestToggle;
}): SafeHtml {
  const { report: r, q } = input;
  const top = [...r.growing.slice(0, 10), ...r.declining.slice(0, 10)].sort(
    (a, b) => (b.changePct ?? 0) - (a.changePct ?? 0),
  );
  const spec: ChartSpec = {
    type: 'bar',
    horizontal: true,
    unit: 'percent',
    labels: top.map((t) => t.name),
    datasets: [
      {
        label: 'Change, last 90 days vs the 90 before (%)',
        data: top.map((t) => t.changePct ?? 0),
      },
    ],
    links: [
      top.map((t) => `/console/reports/volume${toQueryString({ by: 'month', dealer: t.dealer })}`),
    ],
  };
  return html`<div class="head">
      <div>
        <h1>Growing and declining dealers</h1>
        <p class="sub">
          Last 90 days (${r.current.from} to ${r.current.to}) against the 90 days before
        </p>
      </div>
      ${downloads('/console/reports/dealers', q)}
    </div>
    ${tabs('dealers', input.digest)}
    <form class="card filters report-filters" method="get" action="/console/reports/dealers">
      <label
        >Region
        <select name="region">
          ${options([['', 'All'], ...input.regions.map((x) => [x, x] as const)], q.region)}
        </select></label
      >
      <label
        >Minimum base (₹)
        <input type="number" name="min_base" min="0" step="1000" value="${q.min_base ?? '10000'}"
      /></label>
      <label
        >Minimum change (%)
        <input type="number" name="min_change" min="0" step="1" value="${q.min_change ?? '10'}"
      /></label>
      <div><button type="submit">Show</button></div>
    </form>
    <p class="card method"><strong>Method.</strong> ${r.method}</p>
    ${top.length > 0 ? html`<section class="card">${chart('trends-chart', 'Largest changes', spec)}</section>` : ''}
    ${trendList('Growing', 'Largest increase first.', r.growing, 'change')}
    ${trendList('Declining', 'Largest fall first.', r.declining, 'change')}
    ${trendList('Stopped ordering', 'No order in more than twice their usual interval; longest overdue first.', r.lapsed, 'lapsed')}`;
}

export { trendsTables };

// ------------------------------------------------------------------ credit

export function creditBody(input: {
  report: CreditReport;
  q: PageQuery;
  regions: string[];
  digest: DigestToggle;
}): SafeHtml {
  const { report: r, q } = input;
  const [regionsTable, nearTable, heldTable] = creditTables(r);
  const spec: ChartSpec = {
    type: 'bar',
    stacked: true,
    unit: 'rupees',
    labels: r.regions.map((g) => g.region),
    datasets: [
      ...AGEING_BUCKETS.map((b) => ({
        label: `Unpaid invoices ${b} days`,
        data: r.regions.map((g) => toRupees(g.ageing[b])),
      })),
      {
        label: 'Other outstanding (opening balances, adjustments)',
        data: r.regions.map((g) => {
          const invoiced = AGEING_BUCKETS.reduce((a, b) => a + g.ageing[b], 0n);
          return toRupees(g.outstandingMinor > invoiced ? g.outstandingMinor - invoiced : 0n);
        }),
      },
      {
        label: 'Open orders (not yet invoiced)',
        data: r.regions.map((g) => toRupees(g.openOrdersMinor)),
      },
    ],
  };
  const unpaid = AGEING_BUCKETS.reduce((a, b) => a + r.totals.ageing[b], 0n);
  return html`<div class="head">
      <div>
        <h1>Credit exposure</h1>
        <p class="sub">As of ${r.today}: unpaid invoices plus confirmed orders not yet invoiced</p>
      </div>
      ${downloads('/console/reports/credit', q)}
    </div>
    ${tabs('credit', input.digest)}
    <form class="card filters report-filters" method="get" action="/console/reports/credit">
      <label
        >Region
        <select name="region">
          ${options([['', 'All'], ...input.regions.map((x) => [x, x] as const)], q.region)}
        </select></label
      >
      <div><button type="submit">Show</button></div>
    </form>
    <div class="stats">
      ${stat('Network exposure', rupees(r.totals.exposureMinor), html`<div class="small muted">of ${rupees(r.totals.limitMinor)} in limits</div>`)}
      ${stat('Unpaid invoices', rupees(unpaid), html`<div class="small muted">${rupees(r.totals.ageing['90+'])} over 90 days</div>`)}
      ${stat('Open orders', rupees(r.totals.openOrdersMinor))}
      <div class="stat ${r.totals.over100 > 0 ? 'bad' : ''}">
        <div class="k">Over limit</div>
        <div class="v">${r.totals.over100}</div>
        <div class="small muted">${r.totals.over80} at 80% or more</div>
      </div>
      ${stat('Held orders', String(r.held.count), html`<div class="small muted">${rupees(r.held.valueMinor)}</div>`)}
    </div>
    <section class="card">${chart('credit-chart', 'Exposure by region and age', spec)}</section>
    <section class="card flush">
      <div class="card-head"><h2>By region</h2></div>
      ${tableHtml(regionsTable!, { link: (row) => `/console/reports/credit${toQueryString({ region: row.region === '(no region)' ? undefined : String(row.region) })}` })}
    </section>
    <section class="card flush">
      <div class="card-head"><h2>At 80% of their limit or more</h2></div>
      ${tableHtml(nearTable!, {
        hide: AGEING_BUCKETS.map((b) => `age_${b}`),
        link: (row) => `/console/dealers/${encodeURIComponent(String(row.dealer))}`,
      })}
    </section>
    <section class="card flush">
      <div class="card-head">
        <h2>Held orders</h2>
        <p class="muted small">
          For credit: ${r.held.byStatus.held_credit.count}
          (${rupees(r.held.byStatus.held_credit.valueMinor)}) · for price:
          ${r.held.byStatus.held_price.count} (${rupees(r.held.byStatus.held_price.valueMinor)}) ·
          oldest first
        </p>
      </div>
      ${tableHtml(heldTable!, {
        link: (row) => {
          const o = r.held.oldest.find((h) => h.number === row.number);
          return o ? `/console/orders/${o.id}` : null;
        },
      })}
    </section>`;
}

// ------------------------------------------------------------------ operations

export function operationsBody(input: {
  report: OperationsReport;
  q: PageQuery;
  today: IsoDate;
  digest: DigestToggle;
}): SafeHtml {
  const { report: r, q } = input;
  const [perDay, corrections] = operationsTables(r);
  const channels = perDay!.columns.slice(1).map((c) => c.key);
  const spec: ChartSpec = {
    type: 'bar',
    stacked: true,
    unit: 'count',
    labels: perDay!.rows.map((row) => String(row.day)),
    datasets: channels.map((c) => ({
      label: c,
      data: perDay!.rows.map((row) => Number(row[c] ?? 0)),
    })),
  };
  const mins = (m: number | null): string =>
    m === null ? '—' : m < 90 ? `${Math.round(m)} min` : `${(m / 60).toFixed(1)} h`;
  const secs = (s: number | null): string =>
    s === null ? '—' : s < 120 ? `${s.toFixed(1)} s` : mins(s / 60);
  return html`<div class="head">
      <div>
        <h1>Operations</h1>
        <p class="sub">${r.from} to ${r.to}: is the service doing its job?</p>
      </div>
      ${downloads('/console/reports/operations', q)}
    </div>
    ${tabs('operations', input.digest)}
    <form class="card filters report-filters" method="get" action="/console/reports/operations">
      ${rangeFields('/console/reports/operations', q, r.from, r.to, input.today)}
      <div><button type="submit">Show</button></div>
    </form>
    <div class="stats">
      ${stat('Messages', r.messagesByChannel.reduce((a, c) => a + c.messages, 0).toLocaleString('en-IN'), html`<div class="small muted">${r.messagesByChannel.map((c) => `${c.channel} ${c.messages}`).join(' · ')}</div>`)}
      ${stat('Straight through', r.orders.straightThroughPct === null ? '—' : `${r.orders.straightThroughPct.toFixed(1)}%`, html`<div class="small muted">${r.orders.straightThrough} of ${r.orders.total} drafts needed nobody</div>`)}
      ${stat('Review queue', String(r.reviewQueue.waiting), html`<div class="small muted">median ${mins(r.reviewQueue.medianMinutes)} · oldest ${mins(r.reviewQueue.oldestMinutes)}</div>`)}
      ${stat('Time to reply', secs(r.replyLatency.p50Seconds), html`<div class="small muted">median · 95% within ${secs(r.replyLatency.p95Seconds)} (${r.replyLatency.replies} replies)</div>`)}
    </div>
    <section class="card">
      ${chart('operations-chart', 'Messages per channel per day', spec)}
    </section>
    <section class="card flush">
      <div class="card-head">
        <h2>Corrections by dealer</h2>
        <p class="muted small">Drafts people reviewed, and how many they changed.</p>
      </div>
      ${tableHtml(corrections!, { link: (row) => `/console/dealers/${encodeURIComponent(String(row.dealer))}` })}
    </section>`;
}

// ------------------------------------------------------------------ drill-down

export function drillBody(input: {
  drill: DrillOrders;
  q: PageQuery;
  digest: DigestToggle;
}): SafeHtml {
  const { drill: d, q } = input;
  const filters = FILTER_KEYS.filter((k) => q[k]).map(
    (k) => `${k === 'sku' ? 'product' : k} ${q[k]}`,
  );
  return html`<div class="head">
      <div>
        <h1>Orders behind the figure</h1>
        <p class="sub">
          ${d.from} to ${d.to}${filters.length ? ` · ${filters.join(' · ')}` : ''} · confirmed
          orders
        </p>
      </div>
      <p><a href="/console/reports/volume${toQueryString({ ...q })}">← Back to volume</a></p>
    </div>
    ${tabs('volume', input.digest)}
    <div class="stats">
      ${stat('Orders', d.count.toLocaleString('en-IN'))}
      ${stat(q.sku || q.brand || q.category ? 'Value of these products' : 'Value', rupees(d.valueMinor))}
    </div>
    <section class="card flush">
      ${
        d.orders.length === 0
          ? html`<p class="muted empty">No orders.</p>`
          : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Dealer</th>
                    <th scope="col">Channel</th>
                    <th scope="col">Status</th>
                    <th scope="col">Confirmed</th>
                    <th class="num" scope="col">Value</th>
                  </tr>
                </thead>
                <tbody>
                  ${d.orders.map(
                    (o) =>
                      html`<tr>
                        <td><a href="/console/orders/${o.id}">${o.number}</a></td>
                        <td>${o.dealerName} <span class="muted small">${o.dealer}</span></td>
                        <td>${o.channel}</td>
                        <td>${o.status}</td>
                        <td>${o.day}</td>
                        <td class="num">${formatMinor(o.valueMinor)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${d.count > d.orders.length ? html`<p class="muted small more">The ${d.orders.length} newest of ${d.count}.</p>` : ''}`
      }
    </section>`;
}

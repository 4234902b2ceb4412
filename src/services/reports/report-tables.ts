/**
 * Every report as plain tables — the one shape the console's tables, the CSV
 * and the XLSX downloads are all made from, so what a manager downloads is
 * exactly what the page showed.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { formatMinor } from '../../domain/money.js';
import { AGEING_BUCKETS, type CreditReport, type DealerCreditRow } from './credit-report.js';
import type { DealerTrend, DealerTrendsReport } from './dealer-trends.js';
import type { OperationsReport } from './operations-report.js';
import { DIMENSION_LABELS } from './report-scope.js';
import type { VolumeReport } from './volume-report.js';

export type CellType = 'text' | 'int' | 'number' | 'money' | 'pct' | 'date';
export type Cell = string | number | bigint | null;

export interface Column {
  key: string;
  label: string;
  type: CellType;
}

export interface ReportTable {
  /** Also the XLSX sheet name (≤ 31 characters). */
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

const col = (key: string, label: string, type: CellType = 'text'): Column => ({ key, label, type });

function changePct(now: bigint, before: bigint): number | null {
  return before === 0n ? null : Math.round((Number(now - before) / Number(before)) * 1000) / 10;
}

export function volumeTable(r: VolumeReport): ReportTable {
  const columns = [
    col('key', 'Key'),
    col('label', DIMENSION_LABELS[r.by]),
    ...(r.then === undefined
      ? []
      : [col('key2', 'Key 2'), col('label2', DIMENSION_LABELS[r.then])]),
    col('orders', 'Orders', 'int'),
    col('quantity', 'Quantity', 'number'),
    col('value', 'Value', 'money'),
    ...(r.compare === 'none'
      ? []
      : [
          col(
            'previous_value',
            r.compare === 'last_year' ? 'Last year' : 'Previous period',
            'money',
          ),
          col('change_pct', 'Change %', 'pct'),
        ]),
  ];
  return {
    title: 'Volume',
    columns,
    rows: r.rows.map((row) => ({
      key: row.key,
      label: row.label,
      key2: row.key2 ?? null,
      label2: row.label2 ?? null,
      orders: row.orders,
      quantity: row.quantity,
      value: row.valueMinor,
      previous_value: row.previous?.valueMinor ?? null,
      change_pct:
        row.previous === undefined ? null : changePct(row.valueMinor, row.previous.valueMinor),
    })),
  };
}

/** Who a dealer row is about; the rows carry `dealer`, `name` and `region`. */
const DEALER_COLUMNS = [col('dealer', 'Dealer'), col('name', 'Name'), col('region', 'Region')];

function trendTable(title: string, list: readonly DealerTrend[]): ReportTable {
  return {
    title,
    columns: [
      ...DEALER_COLUMNS,
      col('current', 'Last 90 days', 'money'),
      col('prior', '90 days before', 'money'),
      col('change_pct', 'Change %', 'pct'),
      col('last_year', 'Same 90 days last year', 'money'),
      col('change_vs_last_year_pct', 'vs last year %', 'pct'),
      col('last_order', 'Last order', 'date'),
      col('usual_interval_days', 'Usual interval (days)', 'number'),
      col('days_since_last_order', 'Days since last order', 'int'),
    ],
    rows: list.map((t) => ({
      dealer: t.dealer,
      name: t.name,
      region: t.region,
      current: t.currentMinor,
      prior: t.priorMinor,
      change_pct: t.changePct,
      last_year: t.lastYearMinor,
      change_vs_last_year_pct: t.changeVsLastYearPct,
      last_order: t.lastOrder,
      usual_interval_days: t.usualIntervalDays,
      days_since_last_order: t.daysSinceLastOrder,
    })),
  };
}

export function trendsTables(r: DealerTrendsReport): ReportTable[] {
  return [
    trendTable('Growing', r.growing),
    trendTable('Declining', r.declining),
    trendTable('Stopped ordering', r.lapsed),
  ];
}

const ageingColumns = AGEING_BUCKETS.map((b) => col(`age_${b}`, `${b} days`, 'money'));

function ageingCells(a: DealerCreditRow['ageing']): Record<string, bigint> {
  return Object.fromEntries(AGEING_BUCKETS.map((b) => [`age_${b}`, a[b]]));
}

function dealerCreditTable(title: string, rows: readonly DealerCreditRow[]): ReportTable {
  return {
    title,
    columns: [
      ...DEALER_COLUMNS,
      col('limit', 'Limit', 'money'),
      col('outstanding', 'Outstanding', 'money'),
      col('open_orders', 'Open orders', 'money'),
      col('exposure', 'Exposure', 'money'),
      col('used_pct', 'Used %', 'number'),
      ...ageingColumns,
    ],
    rows: rows.map((d) => ({
      dealer: d.dealer,
      name: d.name,
      region: d.region,
      limit: d.limitMinor,
      outstanding: d.outstandingMinor,
      open_orders: d.openOrdersMinor,
      exposure: d.exposureMinor,
      used_pct: d.usedPct,
      ...ageingCells(d.ageing),
    })),
  };
}

export function creditTables(r: CreditReport): ReportTable[] {
  return [
    {
      title: 'By region',
      columns: [
        col('region', 'Region'),
        col('dealers', 'Dealers', 'int'),
        col('limit', 'Limits', 'money'),
        col('exposure', 'Exposure', 'money'),
        col('over80', 'At 80%+ of limit', 'int'),
        col('over100', 'Over limit', 'int'),
        ...ageingColumns,
      ],
      rows: r.regions.map((g) => ({
        region: g.region,
        dealers: g.dealers,
        limit: g.limitMinor,
        exposure: g.exposureMinor,
        over80: g.over80,
        over100: g.over100,
        ...ageingCells(g.ageing),
      })),
    },
    dealerCreditTable('At 80% of limit or more', r.nearOrOverLimit),
    {
      title: 'Held orders',
      columns: [
        col('number', 'Order'),
        col('dealer', 'Dealer'),
        col('status', 'Held for'),
        col('total', 'Total', 'money'),
        col('since', 'Since', 'date'),
      ],
      rows: r.held.oldest.map((o) => ({
        number: o.number,
        dealer: o.dealer,
        status: o.status === 'held_credit' ? 'credit' : 'price',
        total: o.totalMinor,
        since: o.since,
      })),
    },
    dealerCreditTable('Dealers by exposure', r.dealers),
  ];
}

export function operationsTables(r: OperationsReport): ReportTable[] {
  const channels = [...new Set(r.messagesByDay.map((m) => m.channel))].sort();
  const days = new Map<string, Record<string, Cell>>();
  for (const m of r.messagesByDay) {
    const row = days.get(m.day) ?? {
      day: m.day,
      ...Object.fromEntries(channels.map((c) => [c, 0])),
    };
    row[m.channel] = m.messages;
    days.set(m.day, row);
  }
  return [
    {
      title: 'Messages per day',
      columns: [col('day', 'Day', 'date'), ...channels.map((c) => col(c, c, 'int'))],
      rows: [...days.values()],
    },
    {
      title: 'Corrections by dealer',
      columns: [
        col('dealer', 'Dealer'),
        col('name', 'Name'),
        col('reviewed', 'Drafts reviewed', 'int'),
        col('corrected', 'Corrected', 'int'),
      ],
      rows: r.corrections.map((c) => ({ ...c })),
    },
  ];
}

/** A cell as text: money with two decimals, a missing value empty. */
export function cellText(type: CellType, v: Cell): string {
  if (v === null) return '';
  if (type === 'money' && typeof v === 'bigint') return formatMinor(v);
  return String(v);
}

/** One CSV for the first table; several tables follow each other with their titles. */
export function tablesCsv(tables: readonly ReportTable[]): string {
  const rows: string[][] = [];
  for (const [i, t] of tables.entries()) {
    if (tables.length > 1) {
      if (i > 0) rows.push([]);
      rows.push([t.title]);
    }
    rows.push(t.columns.map((c) => c.label));
    for (const r of t.rows) rows.push(t.columns.map((c) => cellText(c.type, r[c.key] ?? null)));
  }
  return stringify(rows, { record_delimiter: '\r\n' });
}

const NUMBER_FORMATS: Partial<Record<CellType, string>> = {
  money: '#,##0.00',
  int: '#,##0',
  pct: '0.0',
};

/** One worksheet per table, numbers as numbers, money with two decimals. */
export async function tablesXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Order Desk';
  const used = new Set<string>();
  for (const t of tables) {
    let name = t.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
    while (used.has(name)) name = `${name.slice(0, 28)} ${used.size}`;
    used.add(name);
    const sheet = book.addWorksheet(name);
    sheet.columns = t.columns.map((c) => ({
      header: c.label,
      key: c.key,
      width: Math.max(10, c.label.length + 2),
      style: NUMBER_FORMATS[c.type] === undefined ? {} : { numFmt: NUMBER_FORMATS[c.type] },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const r of t.rows) {
      sheet.addRow(
        Object.fromEntries(
          t.columns.map((c) => {
            const v = r[c.key] ?? null;
            if (typeof v === 'bigint')
              return [c.key, c.type === 'money' ? Number(v) / 100 : Number(v)];
            return [c.key, v];
          }),
        ),
      );
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

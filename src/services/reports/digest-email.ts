/**
 * The weekly digest as an email: a plain-text part that reads well on a
 * phone and a simple HTML part (inline styles only — mail clients drop
 * stylesheets). Pure.
 */
import { formatIndian } from '../../domain/money.js';
// the console's HTML escaping: one rule for every page and mail this service writes
import { escapeHtml } from '../../http/console/html.js';
import type { IsoDate } from '../../domain/report-periods.js';
import type { DealerCreditRow } from './credit-report.js';
import type { DealerTrend } from './dealer-trends.js';

export interface DigestContent {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  valueMinor: bigint;
  orders: number;
  previousValueMinor: bigint;
  previousOrders: number;
  byChannel: { channel: string; valueMinor: bigint; orders: number }[];
  growing: DealerTrend[];
  declining: DealerTrend[];
  lapsed: DealerTrend[];
  overLimit: DealerCreditRow[];
  exposureMinor: bigint;
  held: { count: number; valueMinor: bigint };
}

const DAY = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const day = (d: IsoDate): string => DAY.format(new Date(`${d}T00:00:00Z`));
const rupees = (minor: bigint): string => `₹${formatIndian(minor)}`;

function change(now: bigint, before: bigint): string {
  if (before === 0n) return 'no orders the week before';
  const pct = (Number(now - before) / Number(before)) * 100;
  return `${pct >= 0 ? 'up' : 'down'} ${Math.abs(pct).toFixed(1)}% on the week before (${rupees(before)})`;
}

const pct = (p: number | null): string =>
  p === null ? '—' : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;

export function renderDigest(
  c: DigestContent,
  to: { name: string; consoleUrl: string },
): { subject: string; text: string; html: string } {
  const range = `${day(c.weekStart)}–${day(c.weekEnd)}`;
  const subject = `Order Desk weekly: ${rupees(c.valueMinor)} in ${c.orders} orders, ${range}`;
  const trendLine = (t: DealerTrend): string =>
    `${t.name} (${t.dealer}${t.region ? `, ${t.region}` : ''}): ${pct(t.changePct)}, ${rupees(t.currentMinor)} in the last 90 days`;
  const sections: [string, string[]][] = [
    ['Growing most', c.growing.map(trendLine)],
    ['Declining most', c.declining.map(trendLine)],
    [
      'Stopped ordering',
      c.lapsed.map(
        (t) =>
          `${t.name} (${t.dealer}): last order ${t.lastOrder ?? '—'}, usually every ${t.usualIntervalDays ?? '—'} days`,
      ),
    ],
    [
      'Past their credit limit',
      c.overLimit.map(
        (d) =>
          `${d.name} (${d.dealer}): ${rupees(d.exposureMinor)} of ${rupees(d.limitMinor ?? 0n)} (${d.usedPct ?? '—'}%)`,
      ),
    ],
  ];
  const headline = [
    `Orders confirmed ${range}: ${rupees(c.valueMinor)} net in ${c.orders} orders — ${change(c.valueMinor, c.previousValueMinor)}.`,
    c.byChannel.length > 0
      ? `By channel: ${c.byChannel.map((x) => `${x.channel} ${rupees(x.valueMinor)} (${x.orders})`).join(', ')}.`
      : '',
    `Credit exposure across the network: ${rupees(c.exposureMinor)}; ${c.held.count} orders held (${rupees(c.held.valueMinor)}).`,
  ].filter((l) => l !== '');

  const text = [
    `Hello ${to.name},`,
    '',
    ...headline,
    ...sections.flatMap(([title, lines]) =>
      lines.length === 0 ? [] : ['', `${title}:`, ...lines.map((l) => `- ${l}`)],
    ),
    '',
    `Reports: ${to.consoleUrl}/reports/volume`,
    `You get this because you asked for the weekly digest; turn it off on any report page in the console.`,
  ].join('\n');

  const p = (s: string): string => `<p style="margin:0 0 10px">${escapeHtml(s)}</p>`;
  const html = [
    '<div style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#17212b;max-width:640px">',
    `<h1 style="font-size:18px;margin:0 0 12px">Order Desk weekly · ${escapeHtml(range)}</h1>`,
    p(`Hello ${to.name},`),
    ...headline.map(p),
    ...sections.flatMap(([title, lines]) =>
      lines.length === 0
        ? []
        : [
            `<h2 style="font-size:15px;margin:18px 0 6px">${escapeHtml(title)}</h2>`,
            `<ul style="margin:0;padding-left:20px">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
          ],
    ),
    `<p style="margin:18px 0 6px"><a href="${escapeHtml(`${to.consoleUrl}/reports/volume`)}" style="color:#0b6e5f">Open the reports</a></p>`,
    `<p style="color:#5b6b79;font-size:12px">You get this because you asked for the weekly digest; turn it off on any report page in the console.</p>`,
    '</div>',
  ].join('\n');
  return { subject, text, html };
}

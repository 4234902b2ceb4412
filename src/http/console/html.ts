/**
 * Server-rendered HTML with everything escaped: `html\`<p>${text}</p>\``
 * escapes each value; a value already made by `html` (or `raw`) passes as is.
 * Arrays are joined. null/undefined/false render nothing.
 */
import { formatIndian } from '../../domain/money.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Value = SafeHtml | string | number | bigint | boolean | null | undefined | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup (constants only, never user data). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** "1,23,456.50" from minor units, Indian grouping; "—" for null. */
export function money(minor: bigint | null | undefined): string {
  return minor === null || minor === undefined ? '—' : formatIndian(minor);
}

const DATE_TIME = new Intl.DateTimeFormat('en-IN', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'Asia/Kolkata',
});

export function when(date: Date | null | undefined): string {
  return date ? DATE_TIME.format(date) : '—';
}

/** "3 min ago", "2 h ago", "4 d ago". */
export function age(date: Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}

export function statusBadge(status: string): SafeHtml {
  return html`<span class="badge s-${status}">${statusLabel(status)}</span>`;
}

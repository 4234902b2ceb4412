/**
 * Which of a dealer's orders a status question names when it gives no
 * number: a day ("yesterday's order", "kal wala", "3 Dec", "03/12") or a
 * product ("the wire order kahan hai"). Pure: the caller brings the orders.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The latest YYYY-MM-DD with this day and month that is not after `today`. */
function latestOn(day: number, month: number, today: string): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const year = Number(today.slice(0, 4));
  for (const y of [year, year - 1]) {
    const iso = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const parsed = new Date(`${iso}T00:00:00Z`);
    if (parsed.toISOString().slice(0, 10) !== iso) return null;
    if (iso <= today) return iso;
  }
  return null;
}

/** The India day a message names, if it names one; `today` is YYYY-MM-DD. */
export function dayNamed(text: string, today: string): string | null {
  const t = text.toLowerCase();
  if (/\b(yesterday|kal|kal ka|kal wala)\b/.test(t)) return shift(today, -1);
  if (/\b(parso|parson|day before yesterday)\b/.test(t)) return shift(today, -2);
  if (/\b(today|aaj)\b/.test(t)) return today;
  const numeric = /\b(\d{1,2})[/.-](\d{1,2})(?:[/.-]\d{2,4})?\b/.exec(t);
  if (numeric) return latestOn(Number(numeric[1]), Number(numeric[2]), today);
  const month = `(${MONTHS.join('|')})[a-z]*`;
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:of\\s+)?${month}\\b`).exec(t);
  if (dayFirst) return latestOn(Number(dayFirst[1]), MONTHS.indexOf(dayFirst[2]!) + 1, today);
  const monthFirst = new RegExp(`\\b${month}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(t);
  if (monthFirst) return latestOn(Number(monthFirst[2]), MONTHS.indexOf(monthFirst[1]!) + 1, today);
  return null;
}

export interface OrderForReference {
  id: string;
  /** YYYY-MM-DD, India. */
  day: string;
  /** The product names (and SKUs) on the order. */
  products: string[];
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);

/**
 * The orders whose products a message names: a word of the message that is
 * a word of some orders' products but not of every order's (so "box" or a
 * brand all orders share picks nothing out).
 */
export function ordersByProduct(text: string, orders: readonly OrderForReference[]): string[] {
  if (orders.length < 2) return [];
  const said = words(text);
  const productWords = orders.map((o) => words(o.products.join(' ')));
  const picked = new Set<string>();
  for (const word of said) {
    const having = orders.filter((_, i) => productWords[i]!.has(word));
    if (having.length > 0 && having.length < orders.length) {
      for (const o of having) picked.add(o.id);
    }
  }
  return orders.filter((o) => picked.has(o.id)).map((o) => o.id);
}

/** The orders a message names by day or product (newest first as given), else none. */
export function ordersReferenced(
  text: string,
  orders: readonly OrderForReference[],
  today: string,
): string[] {
  const day = dayNamed(text, today);
  const onDay = day === null ? orders : orders.filter((o) => o.day === day);
  if (day !== null && onDay.length === 0) return [];
  const byProduct = ordersByProduct(text, onDay);
  if (byProduct.length > 0) return byProduct;
  return day === null ? [] : onDay.map((o) => o.id);
}

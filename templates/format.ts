/** `123456750n` → `₹12,34,567.50` (Indian digit grouping). */
export function rupees(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  const whole = (abs / 100n).toString();
  const paise = (abs % 100n).toString().padStart(2, '0');
  const last3 = whole.slice(-3);
  const rest = whole.slice(0, -3);
  const grouped = rest === '' ? last3 : `${rest.replace(/\B(?=(\d{2})+(?!\d))/g, ',')},${last3}`;
  return `${sign}₹${grouped}.${paise}`;
}

/** `12 Nov` in English, used in status lists. */
export function shortDate(date: Date): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]}`;
}

/** `2026-03-05` → `5 Mar`: a calendar day as the status list writes it. */
export function shortDay(isoDay: string): string {
  return shortDate(new Date(`${isoDay}T00:00:00Z`));
}

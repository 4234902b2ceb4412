/**
 * Calendar dates as a distributor in India reads them: the day in
 * Asia/Kolkata, written YYYY-MM-DD. An invoice dated 2026-03-04 is stored
 * as the start of that day in India and reads back as 2026-03-04.
 */
const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Kolkata',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function indiaDate(at: Date): string {
  return DAY.format(at);
}

/** The instant a YYYY-MM-DD day starts in India. */
export function startOfIndiaDay(date: string): Date {
  return new Date(`${date}T00:00:00+05:30`);
}

// Calendar days as the server counts them: UTC, formatted YYYY-MM-DD.

const DAY_MS = 86_400_000;

export function utcDay(t: number = Date.now()): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The last `n` days, oldest first, ending with today (UTC). */
export function lastDays(n: number, now: number = Date.now()): string[] {
  return Array.from({ length: n }, (_, i) => utcDay(now - (n - 1 - i) * DAY_MS));
}

/** `2026-11-23` → `Nov 23, 2026`, without a time zone shifting the day. */
export function formatDay(day: string): string {
  const t = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? day : new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(t);
}

/** A due date the server sends as midnight UTC (`2026-11-28T00:00:00.000Z`), read as that calendar day everywhere. */
export function formatDueDay(iso: string | null): string {
  return iso ? formatDay(iso.slice(0, 10)) : '—';
}

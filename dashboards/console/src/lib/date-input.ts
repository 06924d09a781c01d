// Dates typed in a <input type="date"> are calendar days in the user's own time zone; the API takes
// instants. An access window or an expiry covers whole days: from the start of the first day to
// the end of the last one.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-12-01` → the instant that day begins, here. Undefined for an empty or malformed day. */
export function startOfDay(day: string): string | undefined {
  if (!DAY.test(day)) return undefined;
  const t = new Date(`${day}T00:00:00`);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** `2026-12-01` → the last millisecond of that day, here. */
export function endOfDay(day: string): string | undefined {
  if (!DAY.test(day)) return undefined;
  const t = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** An instant → the local calendar day, for a date input. */
export function localDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

/** Today, `n` days ahead, as a local calendar day. */
export function localDayFromNow(n: number): string {
  return localDay(new Date(Date.now() + n * 86_400_000).toISOString());
}

const dateOnly = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const fmt = (iso: string) => dateOnly.format(new Date(iso));

/** "No limit", "Until Dec 31, 2026", "From Dec 1, 2026", "Dec 1 – Dec 31, 2026". */
export function describeWindow(startsAt: string | null | undefined, endsAt: string | null | undefined): string {
  if (!startsAt && !endsAt) return 'No limit';
  if (!startsAt && endsAt) return `Until ${fmt(endsAt)}`;
  if (startsAt && !endsAt) return `From ${fmt(startsAt)}`;
  return `${fmt(startsAt as string)} – ${fmt(endsAt as string)}`;
}

/** Where now falls relative to a window: before it, inside, or after it. */
export function windowPhase(startsAt: string | null | undefined, endsAt: string | null | undefined, now: number = Date.now()): 'pending' | 'open' | 'ended' {
  if (startsAt && Date.parse(startsAt) > now) return 'pending';
  if (endsAt && Date.parse(endsAt) <= now) return 'ended';
  return 'open';
}

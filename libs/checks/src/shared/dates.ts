const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days elapsed from `then` to `now`, rounded down, so "45 days" means 45 full days
 * have passed. A date in the future (clock skew between AWS and us) counts as 0, never negative.
 */
export function daysSince(then: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - then.getTime()) / DAY_MS));
}

/** Calendar date (UTC) for reasons: engineers compare it with the console, which shows dates. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "3 days ago (2026-05-29)" — the relative age an engineer prioritises by, plus the date to verify. */
export function ageOf(then: Date, now: Date): string {
  const days = daysSince(then, now);
  const age = days === 0 ? 'less than a day' : `${days} ${days === 1 ? 'day' : 'days'}`;
  return `${age} ago (${isoDay(then)})`;
}

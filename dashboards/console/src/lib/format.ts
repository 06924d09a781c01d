// Small, dependency-free formatters. Dates from the API are ISO strings in UTC.

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const seconds = Math.round((t - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'minute') return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : absolute.format(t);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : dateOnly.format(t);
}

/** "2.4 s", "1 m 12 s", "2 h 5 m" — precise enough to compare runs at a glance. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${Math.round(s - m * 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

export function durationBetween(start: string | null | undefined, end: string | null | undefined): number | null {
  if (!start || !end) return null;
  const a = Date.parse(start);
  const b = Date.parse(end);
  return Number.isNaN(a) || Number.isNaN(b) ? null : b - a;
}

/** `value` is a percentage (0–100). Never rounds a partial score up to 100 or down to 0. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value > 0 && value < 1) return '<1%';
  if (value > 99 && value < 100) return '99%';
  return `${Math.round(value)}%`;
}

export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/** `not_monitored` → "Not monitored". */
export function humanize(value: string): string {
  const s = value.replace(/[_-]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function shortHash(hash: string): string {
  const h = hash.replace(/^sha256:/, '');
  return h.length > 12 ? `${h.slice(0, 12)}…` : h;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

const pad = (n: string) => n.padStart(2, '0');

/** Human reading of the common cron shapes; anything unusual is shown verbatim next to it. */
export function describeCron(cron: string): string {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return 'Not a five-field cron expression';
  const [min, hour, dom, mon, dow] = parts as [string, string, string, string, string];
  const everyDay = dom === '*' && mon === '*' && dow === '*';
  if (!everyDay) return `cron ${cron}`;
  if (min === '*' && hour === '*') return 'Every minute';
  const stepMin = /^\*\/(\d+)$/.exec(min);
  if (stepMin && hour === '*') return `Every ${stepMin[1]} minutes`;
  const stepHour = /^\*\/(\d+)$/.exec(hour);
  if (/^\d+$/.test(min) && stepHour) return stepHour[1] === '1' ? `Hourly at :${pad(min)}` : `Every ${stepHour[1]} hours`;
  if (/^\d+$/.test(min) && hour === '*') return `Hourly at :${pad(min)}`;
  if (/^\d+$/.test(min) && /^\d+$/.test(hour)) return `Daily at ${pad(hour)}:${pad(min)} UTC`;
  return `cron ${cron}`;
}

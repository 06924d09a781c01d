const RELATIVE = /^([+-])(\d+(?:\.\d+)?)([smhdw])$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Scenario dates are either absolute ISO-8601 strings or offsets from "now" (`-120d`, `+30d`,
 * `-6h`, `now`), so a checked-in scenario keeps the same story (a sign-in 200 days ago) whenever it runs.
 */
export function isDateSpec(spec: string): boolean {
  return spec === 'now' || RELATIVE.test(spec) || !Number.isNaN(Date.parse(spec));
}

export function resolveDate(spec: string, now: Date): Date {
  if (spec === 'now') return new Date(now.getTime());
  const m = RELATIVE.exec(spec);
  if (m) {
    const [, sign, amount, unit] = m;
    const ms = Number(amount) * (UNIT_MS[unit ?? 'd'] ?? 0);
    return new Date(now.getTime() + (sign === '-' ? -ms : ms));
  }
  const parsed = Date.parse(spec);
  if (Number.isNaN(parsed)) throw new Error(`not a date: ${spec}`);
  return new Date(parsed);
}

/** Graph prints DateTimeOffset values in UTC with a Z and without milliseconds (`2024-05-01T10:00:00Z`). */
export function graphTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

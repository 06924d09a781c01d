import type { Run } from '@astrolabe/api-contract';

interface UsageLabel {
  label: string;
  hint?: string;
  /** Remaining quota reads differently from what the run spent. */
  group: 'spent' | 'remaining';
  format?: (value: number) => string;
}

const count = (v: number): string => v.toLocaleString('en');

// Keys connectors are known to report (GitHub today). Anything else is shown under its own key.
const KNOWN: Record<string, UsageLabel> = {
  quotaUsed: { label: 'Quota used', hint: 'REST requests charged plus GraphQL points', group: 'spent' },
  restRequests: { label: 'REST requests charged', hint: 'Requests that count against the REST rate limit', group: 'spent' },
  restNotModified: { label: '304s (free)', hint: 'Conditional REST requests answered 304 Not Modified: they cost no quota', group: 'spent' },
  graphqlRequests: { label: 'GraphQL requests', group: 'spent' },
  graphqlPoints: { label: 'GraphQL points', hint: 'Points charged against the GraphQL rate limit', group: 'spent' },
  scansReused: {
    label: 'Repository scan reused',
    hint: 'Nothing had changed since the last run, so its repository scan was reused instead of read again',
    group: 'spent',
    format: (v) => (v === 0 ? 'No' : v === 1 ? 'Yes' : `Yes (${count(v)})`),
  },
  restRemaining: { label: 'REST remaining', hint: 'What the REST rate limit had left after the run', group: 'remaining' },
  graphqlRemaining: { label: 'GraphQL remaining', hint: 'GraphQL points left after the run', group: 'remaining' },
};
const ORDER = Object.keys(KNOWN);

interface Entry {
  key: string;
  value: number;
  label: string;
  hint: string | undefined;
  group: UsageLabel['group'];
  text: string;
}

/** Known keys in a fixed order (spent, then remaining), unknown keys after them by name. */
function usageEntries(usage: Record<string, number>): Entry[] {
  const rank = (k: string): number => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  return Object.entries(usage)
    .filter(([, v]) => typeof v === 'number' && Number.isFinite(v))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, value]) => {
      const known = KNOWN[key];
      return {
        key,
        value,
        label: known?.label ?? key,
        hint: known?.hint,
        group: known?.group ?? 'spent',
        text: known?.format ? known.format(value) : count(value),
      };
    });
}

/** The provider API quota a run spent (and had left), when its connector reports it. */
export function RunUsage({ usage }: { usage: Run['usage'] }) {
  if (!usage) return null;
  const entries = usageEntries(usage);
  if (entries.length === 0) return null;
  return (
    <section className="run-usage" data-testid="run-usage" aria-label="API quota">
      <h3 className="card-title-small">API quota</h3>
      <dl className="usage-grid">
        {entries.map((e) => (
          <div key={e.key} className={`usage-cell usage-${e.group}`} title={e.hint} data-testid={`run-usage-${e.key}`} data-value={e.value}>
            <dt className={KNOWN[e.key] ? undefined : 'mono'}>{e.label}</dt>
            <dd>{e.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

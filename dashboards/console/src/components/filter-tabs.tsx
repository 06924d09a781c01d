export interface FilterTab<V extends string> {
  value: V;
  label: string;
  count?: number;
  tone?: 'bad' | 'unknown' | 'good' | 'muted' | 'warn' | 'none' | 'info';
}

/** Segmented status filter; the selection lives in the URL so a filtered view can be shared. */
export function FilterTabs<V extends string>({ tabs, value, onChange, label, testId }: { tabs: FilterTab<V>[]; value: V; onChange: (v: V) => void; label: string; testId?: string }) {
  return (
    <div className="tabs" role="tablist" aria-label={label} data-testid={testId}>
      {tabs.map((t) => (
        <button
          key={t.value}
          type="button"
          role="tab"
          aria-selected={t.value === value}
          className={`tab ${t.value === value ? 'tab-active' : ''}`}
          data-testid={testId ? `${testId}-${t.value}` : undefined}
          onClick={() => onChange(t.value)}
        >
          {t.tone && <span className={`dot dot-${t.tone}`} aria-hidden="true" />}
          {t.label}
          {t.count !== undefined && <span className="tab-count">{t.count.toLocaleString('en')}</span>}
        </button>
      ))}
    </div>
  );
}

import { Link } from 'react-router';

export interface CountTile {
  key: string;
  label: string;
  value: number;
  tone: 'good' | 'bad' | 'warn' | 'unknown' | 'none' | 'muted' | 'info';
  to: string;
}

/** Big-number tiles that double as links into the filtered list behind each number. */
export function StatusCountTiles({ tiles, testId }: { tiles: CountTile[]; testId: string }) {
  return (
    <div className="tiles" data-testid={testId}>
      {tiles.map((t) => (
        <Link key={t.key} to={t.to} className={`tile tile-${t.tone} ${t.value === 0 ? 'tile-zero' : ''}`} data-testid={`${testId}-${t.key}`}>
          <span className="tile-value">{t.value.toLocaleString('en')}</span>
          <span className="tile-label">
            <span className={`dot dot-${t.tone}`} aria-hidden="true" />
            {t.label}
          </span>
        </Link>
      ))}
    </div>
  );
}

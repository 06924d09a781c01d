import type { ExceptionView } from '@astrolabe/api-contract';
import { formatDateTime, humanize } from '../lib/format';

/** Every step of an exception, oldest first: who asked, who decided, and what they wrote. */
export function ExceptionEvents({ events }: { events: ExceptionView['events'] }) {
  return (
    <ol className="timeline" data-testid="exception-events">
      {events.map((e, i) => (
        <li key={`${e.action}-${e.at}-${i}`} className={`timeline-item timeline-${e.action}`} data-testid="exception-event" data-action={e.action}>
          <span className="timeline-dot" aria-hidden="true" />
          <div>
            <div>
              <strong>{humanize(e.action)}</strong> {e.actor ? `by ${e.actor.displayName}` : 'automatically'} <span className="muted small">· {formatDateTime(e.at)}</span>
            </div>
            {e.note && <p className="timeline-note">{e.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

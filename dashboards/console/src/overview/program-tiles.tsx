import type { Overview } from '@astrolabe/api-contract';
import { StatusCountTiles, type CountTile } from './status-count-tiles';

/** Program hygiene: who owns what, how fresh manual evidence is, and risk waiting to be accepted. */
export function ProgramTiles({ overview: o }: { overview: Overview }) {
  const tiles: CountTile[] = [
    { key: 'unowned', label: 'Unowned controls', value: o.unownedControls, tone: 'warn', to: '/controls?owner=none' },
    { key: 'evidence_overdue', label: 'Evidence overdue', value: o.evidenceOverdue, tone: 'bad', to: '/controls?evidence=overdue' },
    { key: 'evidence_due_soon', label: 'Evidence due soon', value: o.evidenceDueSoon, tone: 'warn', to: '/controls?evidence=due_soon' },
    { key: 'pending_exceptions', label: 'Exceptions to decide', value: o.pendingExceptions, tone: 'info', to: '/exceptions?state=requested' },
  ];
  return (
    <section className="card">
      <div className="card-head">
        <h2>Program</h2>
        <span className="muted small">owners, evidence, exceptions</span>
      </div>
      <StatusCountTiles tiles={tiles} testId="program-tiles" />
    </section>
  );
}

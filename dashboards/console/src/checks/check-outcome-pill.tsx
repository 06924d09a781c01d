import { Pill } from '../components/status-pill';
import type { CheckOutcome } from './check-status';

const OUTCOME: Record<CheckOutcome, [Parameters<typeof Pill>[0]['tone'], string, string]> = {
  failing: ['bad', 'Failing', 'At least one resource fails this check'],
  unknown: ['unknown', 'Unknown', 'Some resources could not be assessed; none fail'],
  passing: ['good', 'Passing', 'Every assessed resource passes'],
  not_applicable: ['muted', 'N/A', 'The check applies to no resource'],
  not_evaluated: ['none', 'Not evaluated', 'No run has evaluated this check yet'],
};

export function CheckOutcomePill({ outcome }: { outcome: CheckOutcome }) {
  const [tone, label, title] = OUTCOME[outcome];
  return <Pill tone={tone} label={label} title={title} value={outcome} />;
}

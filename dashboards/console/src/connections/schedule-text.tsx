import { describeCron } from '../lib/format';

export function ScheduleText({ cron }: { cron: string }) {
  return (
    <span className="schedule">
      {describeCron(cron)} <code className="muted small">{cron}</code>
    </span>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { ExceptionTable } from '../exceptions/exception-table';
import { useMembers } from '../members/members-context';
import { ROLE_LABEL } from '../members/member-roles';
import { MyWorkControls } from '../my-work/my-work-controls';
import { MyWorkEvidence } from '../my-work/my-work-evidence';
import { MyWorkFindings } from '../my-work/my-work-findings';
import { useWorkspace } from '../workspace/workspace-context';

function WorkCard({ title, count, testId, link, children }: { title: string; count: number; testId: string; link?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId} data-count={count}>
      <div className="card-head">
        <h2>
          {title} <span className={`count-badge ${count > 0 ? 'count-badge-on' : ''}`}>{count}</span>
        </h2>
        {link}
      </div>
      {children}
    </section>
  );
}

export function MyWorkPage() {
  const { workspace } = useWorkspace();
  const { me: member } = useMembers();
  const work = useResource(member ? `my-work:${workspace.id}:${member.id}` : null, (signal) => api.memberWork(workspace.id, member?.id ?? '', signal));
  const w = work.data;

  return (
    <div className="page" data-testid="my-work-page" data-member={member?.id}>
      <PageHeader
        title="My work"
        subtitle={member ? `Your to-do list as ${member.displayName} (${ROLE_LABEL[member.role]}): what you own, what is due, what waits for your decision.` : undefined}
      />
      {work.error && <ErrorState error={work.error} onRetry={work.reload} />}
      {member && !w && !work.error && <LoadingState label="Loading your work" />}
      {w && (
        <>
          <div className="grid grid-2 section">
            <WorkCard title="Controls needing attention" count={w.controls.length} testId="my-work-controls-card" link={<Link to={`/controls?owner=${w.member.id}`} className="card-link">All my controls →</Link>}>
              <MyWorkControls controls={w.controls} />
            </WorkCard>
            <WorkCard title="Evidence due" count={w.evidenceDue.length} testId="my-work-evidence-card">
              <MyWorkEvidence items={w.evidenceDue} />
            </WorkCard>
          </div>
          <div className="section">
            <WorkCard title="Overdue findings" count={w.overdueFindings.length} testId="my-work-findings-card" link={<Link to="/checks?status=failing" className="card-link">Failing checks →</Link>}>
              <MyWorkFindings findings={w.overdueFindings} />
            </WorkCard>
          </div>
          <section className="section" data-testid="my-work-exceptions" data-count={w.exceptionsToDecide.length}>
            <div className="section-head">
              <h2 className="section-title">
                Exceptions awaiting your decision <span className={`count-badge ${w.exceptionsToDecide.length > 0 ? 'count-badge-on' : ''}`}>{w.exceptionsToDecide.length}</span>
              </h2>
            </div>
            {w.exceptionsToDecide.length === 0 ? (
              <div className="card">
                <p className="muted">Nothing to decide.</p>
              </div>
            ) : (
              <ExceptionTable exceptions={w.exceptionsToDecide} onChanged={work.reload} />
            )}
          </section>
        </>
      )}
    </div>
  );
}

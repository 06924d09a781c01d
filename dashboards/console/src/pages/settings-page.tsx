import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { useActingMember } from '../members/acting-member-context';
import { ROLE_LABEL } from '../members/member-roles';
import { mayDo } from '../members/permissions';
import { AddMemberForm } from '../settings/add-member-form';
import { MembersTable } from '../settings/members-table';
import { SlaForm } from '../settings/sla-form';
import { useWorkspace } from '../workspace/workspace-context';

function MembersSection() {
  const { member, members, loading, error } = useActingMember();
  const manages = mayDo(member?.role, 'members.manage');
  return (
    <section className="card card-flush section" data-testid="settings-members">
      <div className="card-head card-head-padded">
        <h2>Members</h2>
        {member && !manages && (
          <span className="muted small" data-testid="settings-members-note">
            Only owners and admins change roles and add members (your role: {ROLE_LABEL[member.role]}).
          </span>
        )}
      </div>
      {error && <ErrorState error={error} />}
      {loading && members.length === 0 && <LoadingState label="Loading members" />}
      {members.length > 0 && <MembersTable members={members} actingId={member?.id} />}
      <div className="card-pad">
        <AddMemberForm />
      </div>
    </section>
  );
}

function SlaSection() {
  const { workspace } = useWorkspace();
  const { member } = useActingMember();
  const sla = useResource(`sla:${workspace.id}`, (signal) => api.sla(workspace.id, signal));
  return (
    <section className="card section" data-testid="settings-sla">
      <div className="card-head">
        <h2>Remediation SLAs</h2>
        {member && !mayDo(member.role, 'program.configure') && <span className="muted small">Only owners, admins and compliance leads change SLAs (your role: {ROLE_LABEL[member.role]}).</span>}
      </div>
      <p className="muted small">Days to fix a failing finding, by the severity of its check. Past that, the finding is overdue on checks, controls and My work.</p>
      {sla.error && <ErrorState error={sla.error} onRetry={sla.reload} />}
      {!sla.data && !sla.error && <LoadingState label="Loading SLAs" />}
      {sla.data && <SlaForm key={workspace.id} initial={sla.data} onSaved={sla.replace} />}
    </section>
  );
}

export function SettingsPage() {
  return (
    <div className="page" data-testid="settings-page">
      <PageHeader title="Settings" subtitle="Who works in this workspace, and how long failing findings may stay open." />
      <MembersSection />
      <SlaSection />
    </div>
  );
}

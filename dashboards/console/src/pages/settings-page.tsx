import { NavLink, Outlet } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { useMembers } from '../members/members-context';
import { mayDo } from '../members/permissions';
import { RoleNote } from '../members/role-note';
import { AddMemberForm } from '../settings/add-member-form';
import { InvitationsSection } from '../settings/invitations-section';
import { MembersTable } from '../settings/members-table';
import { SlaForm } from '../settings/sla-form';
import { SsoSection } from '../settings/sso-section';
import { TokensSection } from '../settings/tokens-section';
import { useWorkspace } from '../workspace/workspace-context';

const TABS = [
  { to: '/settings/access', label: 'Access', testId: 'settings-tab-access' },
  { to: '/settings/sla', label: 'Remediation SLAs', testId: 'settings-tab-sla' },
];

/** `/settings`: tabs over the workspace's settings. */
export function SettingsLayout() {
  return (
    <div className="page" data-testid="settings-page">
      <PageHeader title="Settings" subtitle="Who may sign in to this workspace and what they may do, and how long failing findings may stay open." />
      <nav className="tabs settings-tabs" aria-label="Settings">
        {TABS.map((t) => (
          <NavLink key={t.to} to={t.to} className={({ isActive }) => `tab ${isActive ? 'tab-active' : ''}`} data-testid={t.testId}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

function MembersSection() {
  const { me, role, members, loading, error } = useMembers();
  const manages = mayDo(role, 'members.manage');
  return (
    <section className="card card-flush section" data-testid="settings-members">
      <div className="card-head card-head-padded">
        <h2>Members</h2>
        {role && !manages && (
          <span data-testid="settings-members-note">
            <RoleNote permission="members.manage" action="change roles, invite people, set up single sign-on or create API tokens" />
          </span>
        )}
      </div>
      {error && <ErrorState error={error} />}
      {loading && members.length === 0 && <LoadingState label="Loading members" />}
      {members.length > 0 && <MembersTable members={members} meId={me?.id} manages={manages} />}
      {manages && (
        <div className="card-pad card-pad-top">
          <AddMemberForm />
        </div>
      )}
    </section>
  );
}

/** `/settings/access`: members, invitations, single sign-on and API tokens. */
export function AccessSettingsPage() {
  const { role } = useMembers();
  return (
    <div data-testid="settings-access">
      <MembersSection />
      {mayDo(role, 'members.manage') && <InvitationsSection />}
      {mayDo(role, 'sso.manage') && <SsoSection />}
      {mayDo(role, 'tokens.manage') && <TokensSection />}
    </div>
  );
}

/** `/settings/sla`: remediation deadlines per severity. */
export function SlaSettingsPage() {
  const { workspace } = useWorkspace();
  const sla = useResource(`sla:${workspace.id}`, (signal) => api.sla(workspace.id, signal));
  return (
    <section className="card section" data-testid="settings-sla">
      <div className="card-head">
        <h2>Remediation SLAs</h2>
        <RoleNote permission="program.configure" action="change SLAs" />
      </div>
      <p className="muted small">Days to fix a failing finding, by the severity of its check. Past that, the finding is overdue on checks, controls and My work.</p>
      {sla.error && <ErrorState error={sla.error} onRetry={sla.reload} />}
      {!sla.data && !sla.error && <LoadingState label="Loading SLAs" />}
      {sla.data && <SlaForm key={workspace.id} initial={sla.data} onSaved={sla.replace} />}
    </section>
  );
}

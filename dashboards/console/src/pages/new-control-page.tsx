import { useNavigate } from 'react-router';
import { EmptyState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { useMembers } from '../members/members-context';
import { ROLE_LABEL } from '../members/member-roles';
import { mayDo } from '../members/permissions';
import { NewControlForm } from '../new-control/new-control-form';

export function NewControlPage() {
  const navigate = useNavigate();
  const { me: member } = useMembers();
  return (
    <div className="page" data-testid="new-control-page">
      <PageHeader
        crumbs={[{ label: 'Controls', to: '/controls' }]}
        title="New control"
        subtitle="A control of your own, for a practice the catalog does not cover. Map it to framework requirements from a framework's page."
      />
      {!member && <LoadingState label="Loading members" />}
      {member && !mayDo(member.role, 'controls.create') && (
        <div data-testid="new-control-forbidden">
          <EmptyState title={`Your role (${ROLE_LABEL[member.role]}) may not add controls`}>Owners, admins and compliance leads add controls. Ask one of them to add it, or to change your role.</EmptyState>
        </div>
      )}
      {member && mayDo(member.role, 'controls.create') && <NewControlForm onCreated={(c) => navigate(`/controls/${encodeURIComponent(c.id)}`)} />}
    </div>
  );
}

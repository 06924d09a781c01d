import { NavLink, Outlet } from 'react-router';
import { AuditLogIcon, BrandMark, ChecksIcon, ConnectionsIcon, ControlsIcon, ExceptionsIcon, FrameworksIcon, MyWorkIcon, OverviewIcon, SettingsIcon } from '../components/icons';
import type { Permission } from '@astrolabe/api-contract';
import type { ReactNode } from 'react';
import { useMembers } from '../members/members-context';
import { mayDo } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';
import { DemoPersonaSelect } from './demo-persona-select';
import { UserMenu } from './user-menu';

const NAV: { to: string; label: string; testId: string; icon: ReactNode; end: boolean; permission?: Permission }[] = [
  { to: '/', label: 'Overview', testId: 'nav-overview', icon: <OverviewIcon />, end: true },
  { to: '/my-work', label: 'My work', testId: 'nav-my-work', icon: <MyWorkIcon />, end: false },
  { to: '/frameworks', label: 'Frameworks', testId: 'nav-frameworks', icon: <FrameworksIcon />, end: false },
  { to: '/controls', label: 'Controls', testId: 'nav-controls', icon: <ControlsIcon />, end: false },
  { to: '/checks', label: 'Checks', testId: 'nav-checks', icon: <ChecksIcon />, end: false },
  { to: '/exceptions', label: 'Exceptions', testId: 'nav-exceptions', icon: <ExceptionsIcon />, end: false },
  { to: '/connections', label: 'Connections', testId: 'nav-connections', icon: <ConnectionsIcon />, end: false },
  { to: '/audit-log', label: 'Audit log', testId: 'nav-audit-log', icon: <AuditLogIcon />, end: false, permission: 'audit.read' },
  { to: '/settings', label: 'Settings', testId: 'nav-settings', icon: <SettingsIcon />, end: false },
];

/** The current workspace; switching between several is in the account menu. */
function WorkspaceName() {
  const { workspace } = useWorkspace();
  return (
    <div className="workspace" data-testid="workspace">
      <span className="workspace-label">Workspace</span>
      <span className="workspace-name" data-testid="workspace-name" title={workspace.name}>
        {workspace.name}
      </span>
      {workspace.demo && (
        <span className="workspace-demo" title="Fed by the bundled IAM emulator; no cloud account involved">
          Demo data
        </span>
      )}
    </div>
  );
}

export function AppLayout() {
  const { role } = useMembers();
  // Until the role is known every item shows; the pages themselves say what a role may not do.
  const nav = NAV.filter((item) => !item.permission || role === undefined || mayDo(role, item.permission));
  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <BrandMark />
          <span>Astrolabe</span>
        </div>
        <WorkspaceName />
        <nav className="nav" aria-label="Main">
          {nav.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end} className={({ isActive }) => `nav-item ${isActive ? 'nav-item-active' : ''}`} data-testid={item.testId}>
              {item.icon}
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="sidebar-footer">
          <a href="/api/docs/ui/" target="_blank" rel="noreferrer">
            API reference ↗
          </a>
        </div>
      </aside>
      <div className="main-column">
        <header className="topbar">
          <DemoPersonaSelect />
          <UserMenu />
        </header>
        <main className="main" id="main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

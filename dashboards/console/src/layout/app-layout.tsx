import { NavLink, Outlet } from 'react-router';
import { AuditLogIcon, BrandMark, ChecksIcon, ConnectionsIcon, ControlsIcon, ExceptionsIcon, FrameworksIcon, MyWorkIcon, OverviewIcon, SettingsIcon } from '../components/icons';
import { ActingMemberSelect } from '../members/acting-member-select';
import { useWorkspace } from '../workspace/workspace-context';

const NAV = [
  { to: '/', label: 'Overview', testId: 'nav-overview', icon: <OverviewIcon />, end: true },
  { to: '/my-work', label: 'My work', testId: 'nav-my-work', icon: <MyWorkIcon />, end: false },
  { to: '/frameworks', label: 'Frameworks', testId: 'nav-frameworks', icon: <FrameworksIcon />, end: false },
  { to: '/controls', label: 'Controls', testId: 'nav-controls', icon: <ControlsIcon />, end: false },
  { to: '/checks', label: 'Checks', testId: 'nav-checks', icon: <ChecksIcon />, end: false },
  { to: '/exceptions', label: 'Exceptions', testId: 'nav-exceptions', icon: <ExceptionsIcon />, end: false },
  { to: '/connections', label: 'Connections', testId: 'nav-connections', icon: <ConnectionsIcon />, end: false },
  { to: '/audit-log', label: 'Audit log', testId: 'nav-audit-log', icon: <AuditLogIcon />, end: false },
  { to: '/settings', label: 'Settings', testId: 'nav-settings', icon: <SettingsIcon />, end: false },
];

function WorkspaceSwitcher() {
  const { workspace, workspaces, select } = useWorkspace();
  return (
    <div className="workspace" data-testid="workspace">
      <span className="workspace-label">Workspace</span>
      {workspaces.length > 1 ? (
        <select className="workspace-select" value={workspace.id} onChange={(e) => select(e.target.value)} aria-label="Workspace">
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      ) : (
        <span className="workspace-name" data-testid="workspace-name">
          {workspace.name}
        </span>
      )}
      {workspace.demo && (
        <span className="workspace-demo" title="Fed by the bundled IAM emulator; no cloud account involved">
          Demo data
        </span>
      )}
    </div>
  );
}

export function AppLayout() {
  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <BrandMark />
          <span>Astrolabe</span>
        </div>
        <WorkspaceSwitcher />
        <nav className="nav" aria-label="Main">
          {NAV.map((item) => (
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
          <ActingMemberSelect />
        </header>
        <main className="main" id="main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

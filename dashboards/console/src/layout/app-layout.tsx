import { NavLink, Outlet } from 'react-router';
import { BrandMark, ChecksIcon, ConnectionsIcon, ControlsIcon, OverviewIcon } from '../components/icons';
import { useWorkspace } from '../workspace/workspace-context';

const NAV = [
  { to: '/', label: 'Overview', icon: <OverviewIcon />, end: true },
  { to: '/checks', label: 'Checks', icon: <ChecksIcon />, end: false },
  { to: '/controls', label: 'Controls', icon: <ControlsIcon />, end: false },
  { to: '/connections', label: 'Connections', icon: <ConnectionsIcon />, end: false },
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
            <NavLink key={item.to} to={item.to} end={item.end} className={({ isActive }) => `nav-item ${isActive ? 'nav-item-active' : ''}`} data-testid={`nav-${item.label.toLowerCase()}`}>
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
      <main className="main" id="main">
        <Outlet />
      </main>
    </div>
  );
}

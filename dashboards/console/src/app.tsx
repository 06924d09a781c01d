import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { AuditLogPage } from './pages/audit-log-page';
import { CheckDetailPage } from './pages/check-detail-page';
import { ChecksPage } from './pages/checks-page';
import { ConnectionDetailPage } from './pages/connection-detail-page';
import { ConnectionsPage } from './pages/connections-page';
import { ControlDetailPage } from './pages/control-detail-page';
import { ControlsPage } from './pages/controls-page';
import { EvidencePage } from './pages/evidence-page';
import { ExceptionsPage } from './pages/exceptions-page';
import { FrameworkDetailPage } from './pages/framework-detail-page';
import { FrameworksPage } from './pages/frameworks-page';
import { MyWorkPage } from './pages/my-work-page';
import { NewConnectionPage } from './pages/new-connection-page';
import { NewControlPage } from './pages/new-control-page';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview-page';
import { SettingsPage } from './pages/settings-page';
import { ActingMemberProvider } from './members/acting-member-context';
import { WorkspaceProvider } from './workspace/workspace-context';

const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'checks', element: <ChecksPage /> },
      { path: 'checks/:checkId', element: <CheckDetailPage /> },
      { path: 'my-work', element: <MyWorkPage /> },
      { path: 'frameworks', element: <FrameworksPage /> },
      { path: 'frameworks/:frameworkId', element: <FrameworkDetailPage /> },
      { path: 'controls', element: <ControlsPage /> },
      { path: 'controls/new', element: <NewControlPage /> },
      { path: 'controls/:controlId', element: <ControlDetailPage /> },
      { path: 'exceptions', element: <ExceptionsPage /> },
      { path: 'connections', element: <ConnectionsPage /> },
      { path: 'connections/new', element: <NewConnectionPage /> },
      { path: 'connections/:connectionId', element: <ConnectionDetailPage /> },
      { path: 'evidence/:hash', element: <EvidencePage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'audit-log', element: <AuditLogPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <WorkspaceProvider>
      <ActingMemberProvider>
        <RouterProvider router={router} />
      </ActingMemberProvider>
    </WorkspaceProvider>
  );
}

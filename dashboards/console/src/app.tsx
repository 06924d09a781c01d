import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { SessionProvider } from './auth/session-context';
import { SignedInShell } from './auth/signed-in-shell';
import { AcceptInvitationPage } from './pages/accept-invitation-page';
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
import { LoginPage } from './pages/login-page';
import { MyWorkPage } from './pages/my-work-page';
import { NewConnectionPage } from './pages/new-connection-page';
import { NewControlPage } from './pages/new-control-page';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview-page';
import { AccessSettingsPage, SettingsLayout, SlaSettingsPage } from './pages/settings-page';

const router = createBrowserRouter([
  // Before sign-in.
  { path: '/login', element: <LoginPage /> },
  { path: '/accept-invitation', element: <AcceptInvitationPage /> },
  // Everything else needs a session; without one the shell sends the visitor to /login?next=….
  {
    path: '/',
    element: <SignedInShell />,
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
      {
        path: 'settings',
        element: <SettingsLayout />,
        children: [
          { index: true, element: <Navigate to="access" replace /> },
          { path: 'access', element: <AccessSettingsPage /> },
          { path: 'sla', element: <SlaSettingsPage /> },
        ],
      },
      { path: 'audit-log', element: <AuditLogPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}

import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { CheckDetailPage } from './pages/check-detail-page';
import { ChecksPage } from './pages/checks-page';
import { ConnectionDetailPage } from './pages/connection-detail-page';
import { ConnectionsPage } from './pages/connections-page';
import { ControlsPage } from './pages/controls-page';
import { EvidencePage } from './pages/evidence-page';
import { NewConnectionPage } from './pages/new-connection-page';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview-page';
import { WorkspaceProvider } from './workspace/workspace-context';

const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'checks', element: <ChecksPage /> },
      { path: 'checks/:checkId', element: <CheckDetailPage /> },
      { path: 'controls', element: <ControlsPage /> },
      { path: 'connections', element: <ConnectionsPage /> },
      { path: 'connections/new', element: <NewConnectionPage /> },
      { path: 'connections/:connectionId', element: <ConnectionDetailPage /> },
      { path: 'evidence/:hash', element: <EvidencePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <WorkspaceProvider>
      <RouterProvider router={router} />
    </WorkspaceProvider>
  );
}

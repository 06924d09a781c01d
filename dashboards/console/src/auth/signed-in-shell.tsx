import { Navigate, useLocation, type Location } from 'react-router';
import { ErrorState, LoadingState } from '../components/page-state';
import { AppLayout } from '../layout/app-layout';
import { MembersProvider } from '../members/members-context';
import { WorkspaceProvider } from '../workspace/workspace-context';
import { useSession, type SignedOutReason } from './session-context';

/** `/login`, remembering where the person was (unless they signed out on purpose). */
export function loginHref(location: Pick<Location, 'pathname' | 'search' | 'hash'>, reason: SignedOutReason): string {
  const params = new URLSearchParams();
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (reason !== 'signed-out' && here !== '/') params.set('next', here);
  if (reason === 'expired') params.set('expired', '1');
  const q = params.toString();
  return q ? `/login?${q}` : '/login';
}

/**
 * Everything behind sign-in. Keyed by the signed-in user: becoming someone else (a demo persona,
 * an accepted invitation) starts from fresh data, never from what the previous person loaded.
 */
export function SignedInShell() {
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingState label="Checking your session" fullPage />;
  if (state.status === 'unreachable') return <ErrorState error={state.error} onRetry={retry} fullPage />;
  if (state.status === 'signed-out') return <Navigate to={loginHref(location, state.reason)} replace />;
  return (
    <WorkspaceProvider key={state.session.user.id}>
      <MembersProvider>
        <AppLayout />
      </MembersProvider>
    </WorkspaceProvider>
  );
}

import type { Workspace } from '@astrolabe/api-contract';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { useSession } from '../auth/session-context';
import { ErrorState, LoadingState } from '../components/page-state';

const STORAGE_KEY = 'astrolabe.workspaceId';

interface WorkspaceContextValue {
  workspace: Workspace;
  workspaces: Workspace[];
  select: (workspaceId: string) => void;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

function readStoredId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy mode); the choice then lasts for the session only.
    return null;
  }
}

/** Makes `id` the workspace the console opens next (e.g. the one an invitation just joined). */
export function rememberWorkspace(id: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, id);
  } catch {
    /* see readStoredId */
  }
}

/** The remembered workspace if it still exists, else the demo one, else the first. */
export function pickWorkspace(items: readonly Workspace[], storedId: string | null): Workspace | undefined {
  return items.find((w) => w.id === storedId) ?? items.find((w) => w.demo) ?? items[0];
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { signOut } = useSession();
  const workspaces = useResource('workspaces', (signal) => api.workspaces(signal));
  const [selectedId, setSelectedId] = useState<string | null>(readStoredId);

  const select = useCallback((id: string) => {
    rememberWorkspace(id);
    setSelectedId(id);
  }, []);

  const items = workspaces.data?.items;
  const workspace = useMemo(() => (items ? pickWorkspace(items, selectedId) : undefined), [items, selectedId]);
  const value = useMemo(() => (workspace && items ? { workspace, workspaces: items, select } : null), [workspace, items, select]);

  if (workspaces.error) return <ErrorState error={workspaces.error} onRetry={workspaces.reload} fullPage />;
  if (!items) return <LoadingState label="Loading workspaces" fullPage />;
  if (!value)
    return (
      <div className="full-page-state" data-testid="no-workspace">
        <h1>No workspace yet</h1>
        <p className="muted">You are signed in, but not a member of any workspace. Ask an owner or admin of your workspace for an invitation.</p>
        <button type="button" className="btn" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceContextValue {
  const ctx = useContext(WorkspaceContext);
  if (!ctx) throw new Error('useWorkspace must be used inside <WorkspaceProvider>');
  return ctx;
}

import type { MemberView } from '@astrolabe/api-contract';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, type ApiError, type MemberRole, type Membership } from '../api/client';
import { useResource } from '../api/use-resource';
import { useSession } from '../auth/session-context';
import { useWorkspace } from '../workspace/workspace-context';

// The workspace's members (for owner, reviewer and filter pickers) and who the signed-in person
// is among them. Every change is attributed by the server to whoever is signed in.

interface MembersValue {
  /** The signed-in person as a member of this workspace (undefined only while nothing is known yet). */
  me: MemberView | undefined;
  /** Their role here: from the members list once loaded (it follows changes), else from the session. */
  role: MemberRole | undefined;
  /** The session's membership of this workspace (role and access window as of sign-in). */
  membership: Membership | undefined;
  members: MemberView[];
  loading: boolean;
  error: ApiError | undefined;
  /** Shows a member the server just added or changed (Settings) everywhere members are listed. */
  upsertMember: (member: MemberView) => void;
}

const MembersContext = createContext<MembersValue | null>(null);

export function MembersProvider({ children }: { children: ReactNode }) {
  const { workspace } = useWorkspace();
  const { session } = useSession();
  const members = useResource(`members:${workspace.id}`, (signal) => api.members(workspace.id, signal));
  const items = members.data?.items;
  const membership = session?.memberships.find((m) => m.workspaceId === workspace.id);

  const me = useMemo<MemberView | undefined>(() => {
    if (!membership || !session) return undefined;
    const listed = items?.find((m) => m.id === membership.memberId);
    return (
      listed ?? {
        id: membership.memberId,
        displayName: session.user.displayName,
        email: session.user.email,
        role: membership.role,
        createdAt: '',
        hasAccount: true,
        accessStartsAt: membership.accessStartsAt,
        accessEndsAt: membership.accessEndsAt,
      }
    );
  }, [items, membership, session]);

  const { replace } = members;
  const upsertMember = useCallback(
    (saved: MemberView) => {
      const list = items ?? [];
      // The server lists members by name; a new one takes its place in that order.
      const next = list.some((m) => m.id === saved.id) ? list.map((m) => (m.id === saved.id ? saved : m)) : [...list, saved].sort((a, b) => a.displayName.localeCompare(b.displayName));
      replace({ items: next });
    },
    [items, replace],
  );

  const value = useMemo<MembersValue>(
    () => ({ me, role: me?.role, membership, members: items ?? [], loading: members.loading, error: members.error, upsertMember }),
    [me, membership, items, members.loading, members.error, upsertMember],
  );
  return <MembersContext.Provider value={value}>{children}</MembersContext.Provider>;
}

export function useMembers(): MembersValue {
  const ctx = useContext(MembersContext);
  if (!ctx) throw new Error('useMembers must be used inside <MembersProvider>');
  return ctx;
}

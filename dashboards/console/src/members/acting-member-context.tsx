import type { MemberView } from '@astrolabe/api-contract';
import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setActingMember, type ApiError } from '../api/client';
import { useResource } from '../api/use-resource';
import { useWorkspace } from '../workspace/workspace-context';

// "Acting as": until sign-in exists, the console says which member performs a mutation. The
// choice is remembered per workspace, and every mutation sends it (see setActingMember).

const storageKey = (workspaceId: string) => `astrolabe.actingMember.${workspaceId}`;

interface ActingMemberValue {
  /** The acting member; undefined while members load, or when the workspace has none. */
  member: MemberView | undefined;
  members: MemberView[];
  loading: boolean;
  error: ApiError | undefined;
  select: (memberId: string) => void;
  /** Shows a member the server just added or changed (Settings) everywhere members are listed. */
  upsertMember: (member: MemberView) => void;
}

const ActingMemberContext = createContext<ActingMemberValue | null>(null);

function readStored(workspaceId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(workspaceId));
  } catch {
    // Storage disabled (privacy mode): the choice lasts for the page only.
    return null;
  }
}

function store(workspaceId: string, memberId: string): void {
  try {
    window.localStorage.setItem(storageKey(workspaceId), memberId);
  } catch {
    /* see readStored */
  }
}

/** The remembered member if still a member, else the first compliance lead, else the first member. */
export function pickActingMember(members: readonly MemberView[], storedId: string | null): MemberView | undefined {
  return members.find((m) => m.id === storedId) ?? members.find((m) => m.role === 'compliance_lead') ?? members[0];
}

export function ActingMemberProvider({ children }: { children: ReactNode }) {
  const { workspace } = useWorkspace();
  const members = useResource(`members:${workspace.id}`, (signal) => api.members(workspace.id, signal));
  const [chosen, setChosen] = useState<{ workspaceId: string; memberId: string } | null>(null);

  const items = members.data?.items;
  const storedId = chosen?.workspaceId === workspace.id ? chosen.memberId : readStored(workspace.id);
  const member = useMemo(() => (items ? pickActingMember(items, storedId) : undefined), [items, storedId]);

  // Before any child can act on a click, the API client knows who is acting.
  useLayoutEffect(() => {
    setActingMember(member?.id ?? null);
  }, [member]);

  const select = useCallback(
    (memberId: string) => {
      store(workspace.id, memberId);
      setChosen({ workspaceId: workspace.id, memberId });
    },
    [workspace.id],
  );

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

  const value = useMemo<ActingMemberValue>(
    () => ({ member, members: items ?? [], loading: members.loading, error: members.error, select, upsertMember }),
    [member, items, members.loading, members.error, select, upsertMember],
  );
  return <ActingMemberContext.Provider value={value}>{children}</ActingMemberContext.Provider>;
}

export function useActingMember(): ActingMemberValue {
  const ctx = useContext(ActingMemberContext);
  if (!ctx) throw new Error('useActingMember must be used inside <ActingMemberProvider>');
  return ctx;
}

import { useMemo } from 'react';
import { useResource } from '../api/use-resource';
import { useWorkspace } from '../workspace/workspace-context';
import { loadAllControls } from './load-all-controls';

/** Control titles by id, to name exception targets; empty until the list answers (ids are shown meanwhile). */
export function useControlTitles(): ReadonlyMap<string, string> {
  const { workspace } = useWorkspace();
  const controls = useResource(`all-controls:${workspace.id}`, (signal) => loadAllControls(workspace.id, {}, signal));
  return useMemo(() => new Map((controls.data ?? []).map((c) => [c.id, c.title])), [controls.data]);
}

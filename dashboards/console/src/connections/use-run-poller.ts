import type { Run } from '@astrolabe/api-contract';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, isTerminal } from '../api/client';

const POLL_MS = 1000;
const RETRY_MS = 3000;

/**
 * Follows one run: fetches it, then every second while it is queued or running, and calls
 * `onFinished` once when it reaches a terminal state. A transient error (server restarting)
 * is shown but polling continues; a 404 stops it.
 */
export function useRunPoller(workspaceId: string, runId: string | undefined, seed: Run | undefined, onFinished: (run: Run) => void): { run: Run | undefined; error: ApiError | undefined } {
  const [state, setState] = useState<{ runId?: string; run?: Run; error?: ApiError }>({ runId, run: seed });
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });

  useEffect(() => {
    if (!runId) return;
    const controller = new AbortController();
    let timer: number | undefined;
    let sawActive = seed ? !isTerminal(seed.state) : false;
    setState((s) => (s.runId === runId ? s : { runId, run: seed?.id === runId ? seed : undefined }));

    const tick = () => {
      api.run(workspaceId, runId, controller.signal).then(
        (run) => {
          if (controller.signal.aborted) return;
          setState({ runId, run });
          if (!isTerminal(run.state)) {
            sawActive = true;
            timer = window.setTimeout(tick, POLL_MS);
          } else if (sawActive) {
            // Only a run we watched finish triggers a refresh; opening an old run does not.
            onFinishedRef.current(run);
          }
        },
        (err: unknown) => {
          if (controller.signal.aborted) return;
          const error = err instanceof ApiError ? err : new ApiError({ type: 'about:blank', title: 'Could not load the run', status: 0, detail: String(err) });
          setState((s) => ({ ...s, runId, error }));
          if (error.status !== 404) timer = window.setTimeout(tick, RETRY_MS);
        },
      );
    };
    tick();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
    // The seed only matters when the run id changes; re-seeding on every new object would restart polling.
  }, [workspaceId, runId]);

  const current = state.runId === runId;
  return { run: current ? state.run : seed, error: current ? state.error : undefined };
}

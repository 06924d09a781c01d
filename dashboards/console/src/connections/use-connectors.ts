import type { ConnectorInfo } from '@astrolabe/api-contract';
import { useMemo } from 'react';
import { api, type ListResponse } from '../api/client';
import { useResource } from '../api/use-resource';

// The connectors a server ships do not change while it runs: one request serves every page
// that labels something by connector (lists, filters, badges). A failed request is retried next time.
let shared: Promise<ListResponse<ConnectorInfo>> | null = null;

function loadConnectors(): Promise<ListResponse<ConnectorInfo>> {
  if (!shared) {
    shared = api.connectors().catch((err: unknown) => {
      shared = null;
      throw err;
    });
  }
  return shared;
}

/** Connectors by id; empty until loaded (callers fall back to the bare id). */
export function useConnectorTitles(): ReadonlyMap<string, string> {
  const connectors = useResource('connectors:shared', () => loadConnectors());
  const data = connectors.data;
  return useMemo(() => new Map((data?.items ?? []).map((c) => [c.id, c.title])), [data]);
}

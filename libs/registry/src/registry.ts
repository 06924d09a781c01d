import { allChecks } from '@astrolabe/checks';
import type { CheckDefinition, ConnectorDefinition } from '@astrolabe/core';
import { awsIamConnector } from '@astrolabe/connector-aws-iam';
import { azureRbacConnector } from '@astrolabe/connector-azure-rbac';
import { entraIdConnector } from '@astrolabe/connector-entra-id';
import { githubConnector } from '@astrolabe/connector-github';
import { loadCatalog, type Catalog } from '@astrolabe/frameworks';

/**
 * The one place that knows which connectors and checks exist. Everything else looks them up
 * here by id — there is no `switch (provider)` anywhere else.
 */
const CONNECTORS: readonly ConnectorDefinition[] = [
  awsIamConnector as ConnectorDefinition,
  githubConnector as ConnectorDefinition,
  azureRbacConnector as ConnectorDefinition,
  entraIdConnector as ConnectorDefinition,
];

export interface Registry {
  readonly connectors: readonly ConnectorDefinition[];
  readonly checks: readonly CheckDefinition[];
  readonly catalog: Catalog;
  connector(id: string): ConnectorDefinition | undefined;
  check(id: string): CheckDefinition | undefined;
  checksFor(connectorId: string): CheckDefinition[];
  controlIdsForCheck(checkId: string): string[];
}

/** Builds and cross-validates the registry; a manifest that contradicts another fails loudly at start-up. */
export function buildRegistry(
  connectors: readonly ConnectorDefinition[] = CONNECTORS,
  checks: readonly CheckDefinition[] = allChecks,
  catalog: Catalog = loadCatalog(),
): Registry {
  const problems: string[] = [];
  const connectorById = new Map<string, ConnectorDefinition>();
  for (const c of connectors) {
    if (connectorById.has(c.id)) problems.push(`duplicate connector id ${c.id}`);
    connectorById.set(c.id, c);
  }
  const checkById = new Map<string, CheckDefinition>();
  for (const check of checks) {
    const { id, connector, reads } = check.metadata;
    if (checkById.has(id)) problems.push(`duplicate check id ${id}`);
    checkById.set(id, check);
    const owner = connectorById.get(connector);
    if (!owner) {
      problems.push(`check ${id} names unknown connector ${connector}`);
      continue;
    }
    const kinds = new Set(owner.evidenceKinds.map((k) => k.kind));
    for (const kind of reads) if (!kinds.has(kind)) problems.push(`check ${id} reads ${kind}, which ${connector} does not collect`);
  }
  for (const control of catalog.controls) {
    for (const checkId of control.checkIds) if (!checkById.has(checkId)) problems.push(`control ${control.id} references unknown check ${checkId}`);
  }
  if (problems.length > 0) throw new Error(`registry is inconsistent:\n  ${problems.join('\n  ')}`);

  return {
    connectors: [...connectorById.values()],
    checks: [...checkById.values()],
    catalog,
    connector: (id) => connectorById.get(id),
    check: (id) => checkById.get(id),
    checksFor: (connectorId) => [...checkById.values()].filter((c) => c.metadata.connector === connectorId),
    controlIdsForCheck: (checkId) => catalog.controlsForCheck(checkId).map((c) => c.id),
  };
}

let shared: Registry | undefined;

export function getRegistry(): Registry {
  shared ??= buildRegistry();
  return shared;
}

import { createEvidenceSet, evaluateChecks, type Finding, type FindingStatus } from '@astrolabe/core';
import { runCollection } from '@astrolabe/evidence';
import type { Registry } from '@astrolabe/registry';
import { formatFindingsTable } from './table-format';

export interface CheckCommandOptions {
  format: 'table' | 'json';
  only?: string[];
  config: Record<string, string>;
}

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
  now: () => Date;
}

export interface JsonFinding {
  checkId: string;
  status: FindingStatus;
  resource: { id: string; type: string; name: string };
  reason: string;
  controlIds: string[];
}

/** Exit codes are the contract for CI: 0 nothing fails, 1 something fails, 2 could not run. */
export const EXIT = { ok: 0, failing: 1, error: 2 } as const;

export async function runCheckCommand(registry: Registry, connectorId: string, opts: CheckCommandOptions, io: CommandIo): Promise<number> {
  const connector = registry.connector(connectorId);
  if (!connector) {
    io.stderr(`Unknown connector "${connectorId}". Available: ${registry.connectors.map((c) => c.id).join(', ')}\n`);
    return EXIT.error;
  }
  let checks = registry.checksFor(connector.id);
  if (opts.only && opts.only.length > 0) {
    const unknown = opts.only.filter((id) => !checks.some((c) => c.metadata.id === id));
    if (unknown.length > 0) {
      io.stderr(`Unknown check id(s) for ${connector.id}: ${unknown.join(', ')}\nAvailable:\n  ${checks.map((c) => c.metadata.id).join('\n  ')}\n`);
      return EXIT.error;
    }
    checks = checks.filter((c) => opts.only!.includes(c.metadata.id));
  }
  const config = connector.configSchema.safeParse(opts.config);
  if (!config.success) {
    const lines = config.error.issues.map((i) => `  --config ${i.path.join('.')}=…: ${i.message}`);
    io.stderr(`Invalid connector configuration:\n${lines.join('\n')}\n`);
    return EXIT.error;
  }

  const showProgress = opts.format === 'table' || io.isTty;
  const result = await runCollection({
    connector,
    config: config.data,
    // No stored secret on the command line: the connector falls back to the provider's own credential chain.
    secret: connector.secretSchema.parse({}),
    now: io.now,
    onProgress: showProgress ? (done, total, message) => io.stderr(`\r\x1b[2K[${connector.id}] ${done}/${total} ${message ?? ''}`) : undefined,
  });
  if (showProgress) io.stderr('\r\x1b[2K');

  if (result.state === 'failed') {
    io.stderr(`Collection from ${connector.id} could not run: ${result.error?.message ?? 'unknown error'}\n`);
    io.stderr(`${result.hint ?? connector.credentialHelp}\n`);
    return EXIT.error;
  }
  for (const [kind, outcome] of Object.entries(result.outcomes)) {
    if (outcome.status === 'failed') {
      const perm = outcome.error?.missingPermission ? ` — grant ${outcome.error.missingPermission}` : '';
      io.stderr(`warning: ${kind} not collected: ${outcome.error?.message ?? 'error'}${perm}; checks reading it report unknown\n`);
    }
  }

  const scope = result.scope ?? { id: `${connector.id}:unknown-scope`, type: 'scope', name: connector.id };
  const findings: Finding[] = evaluateChecks(checks, createEvidenceSet(result.items, result.outcomes), { now: io.now(), scope });
  if (opts.format === 'json') {
    const out: JsonFinding[] = findings.map((f) => ({ checkId: f.checkId, status: f.status, resource: f.resource, reason: f.reason, controlIds: registry.controlIdsForCheck(f.checkId) }));
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout(formatFindingsTable(checks, findings));
  }
  return findings.some((f) => f.status === 'fail') ? EXIT.failing : EXIT.ok;
}

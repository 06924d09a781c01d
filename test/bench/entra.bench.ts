// npm run bench:entra — the entra-id connector and checks against a large emulated tenant.
// Target (issue): ≤ 175 calls for 50,000 users and 2,000 groups at 30 ms per request, token
// endpoint included. The emulator runs in this process over HTTPS, so peak RSS includes it.
import { entraIdChecks } from '@astrolabe/checks/entra-id';
import { entraIdConnector } from '@astrolabe/connector-entra-id';
import { createEvidenceSet, evaluateChecks, type FindingStatus } from '@astrolabe/core';
import { GENERATED_CREDENTIALS, generateAzureScenario, startAzureEmulator, summarizeCalls } from '@astrolabe/emulator-azure';
import { runCollection } from '@astrolabe/evidence';

const SIZE = { users: 50_000, groups: 2_000 } as const;
const LATENCY_MS = 30;
const TARGET_CALLS = 175;

const pad = (s: string, n: number): string => s.padEnd(n);
const ms = (n: number): string => `${Math.round(n)} ms`;
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  let started = performance.now();
  const scenario = generateAzureScenario({ ...SIZE, seed: 2026 });
  const emulator = await startAzureEmulator({ scenario, latencyMs: LATENCY_MS });
  const setupMs = performance.now() - started;
  const config = entraIdConnector.configSchema.parse({ tenantId: emulator.tenantId, authorityHost: emulator.url, graphBaseUrl: emulator.url, caCertificates: emulator.caCertificatePem });
  const secret = entraIdConnector.secretSchema.parse({ clientId: GENERATED_CREDENTIALS.clientId, clientSecret: GENERATED_CREDENTIALS.clientSecret });
  try {
    const rssBefore = process.resourceUsage().maxRSS;
    started = performance.now();
    const result = await runCollection({ connector: entraIdConnector, config, secret });
    const wallMs = performance.now() - started;
    const calls = emulator.calls();
    const summary = summarizeCalls(calls);

    started = performance.now();
    const findings = evaluateChecks(entraIdChecks, createEvidenceSet(result.items, result.outcomes), {
      now: new Date(),
      scope: result.scope ?? { id: `entra-id:tenant/${emulator.tenantId}`, type: 'entra-id:tenant', name: emulator.tenantId },
    });
    const checksMs = performance.now() - started;
    const byStatus: Record<FindingStatus, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
    for (const f of findings) byStatus[f.status] += 1;

    console.log(`entra bench: ${SIZE.users} users, ${SIZE.groups} groups, ${LATENCY_MS} ms latency per request (emulator set up in ${ms(setupMs)})`);
    console.log(`\ncollection: ${result.state}, ${result.items.length} evidence items, wall ${ms(wallMs)}`);
    for (const [kind, outcome] of Object.entries(result.outcomes)) console.log(`  ${pad(kind, 44)} ${outcome.status} ${outcome.items}${outcome.error ? ` (${outcome.error.code})` : ''}`);
    console.log('  calls by endpoint');
    for (const [route, n] of Object.entries(summary.byRoute)) console.log(`    ${pad(route, 66)} ${n}`);
    console.log(`    ${pad('by status', 66)} ${JSON.stringify(summary.byStatus)}`);
    console.log(`  ${pad('total calls (token endpoint included)', 68)} ${summary.requests}`);
    console.log(`  ${pad('connector usage report', 68)} ${JSON.stringify({ requests: result.usage?.requests, graphRequests: result.usage?.graphRequests, identityRequests: result.usage?.identityRequests, graphThrottled: result.usage?.graphThrottled })}`);
    console.log(`\nchecks: ${entraIdChecks.length} checks, ${findings.length} findings in ${ms(checksMs)}: ${JSON.stringify(byStatus)}`);
    console.log(`peak RSS ${mb(process.resourceUsage().maxRSS)} (connector, checks and emulator in one process; ${mb(rssBefore)} before the collection)`);

    const ok = summary.requests <= TARGET_CALLS;
    console.log(`\ntarget: ${summary.requests} calls ≤ ${TARGET_CALLS} ${ok ? 'ok' : 'MISSED'}`);
    if (!ok || result.state !== 'succeeded') process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

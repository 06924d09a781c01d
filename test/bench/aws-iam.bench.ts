// npm run bench:aws — the aws-iam connector and checks against a large emulated account.
// Targets (issue 3): ≤ 55 IAM calls and < 5 s wall time for 5,000 users, 300 roles, 200 policies
// at 30 ms per request. The emulator runs in this process, so peak RSS includes it.
import { allChecks } from '@astrolabe/checks';
import { awsIamConnector } from '@astrolabe/connector-aws-iam';
import { accountRootArn, createEvidenceSet, evaluateChecks, type FindingStatus } from '@astrolabe/core';
import { generateScenario, startIamEmulator } from '@astrolabe/emulator-aws-iam';
import { runCollection } from '@astrolabe/evidence';

const SIZE = { users: 5000, roles: 300, policies: 200 } as const;
const LATENCY_MS = 30;
const TARGET_CALLS = 55;
const TARGET_WALL_MS = 5000;

const ms = (n: number): string => `${Math.round(n)} ms`;
const pad = (s: string, n: number): string => s.padEnd(n);

async function main(): Promise<void> {
  const scenario = generateScenario({ ...SIZE, seed: 2025 });
  const emulator = await startIamEmulator({ scenario, latencyMs: LATENCY_MS });
  try {
    const started = performance.now();
    const result = await runCollection({
      connector: awsIamConnector,
      config: { region: 'us-east-1', endpointUrl: emulator.url },
      secret: { accessKeyId: 'AKIABENCHMARK0000001', secretAccessKey: 'bench-secret' },
    });
    const collected = performance.now();
    const evidence = createEvidenceSet(result.items, result.outcomes);
    const scope = result.scope ?? { id: accountRootArn(emulator.accountId), type: 'aws:account', name: emulator.accountId };
    const findings = evaluateChecks(allChecks, evidence, { now: new Date(), scope });
    const finished = performance.now();

    const calls = emulator.calls();
    const totalCalls = Object.values(calls).reduce((a, b) => a + b, 0);
    const byStatus: Record<FindingStatus, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
    for (const f of findings) byStatus[f.status] += 1;
    const wall = finished - started;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    console.log(`aws-iam bench: ${SIZE.users} users, ${SIZE.roles} roles, ${SIZE.policies} policies, ${LATENCY_MS} ms latency per request`);
    console.log(`collection: ${result.state}, ${result.items.length} evidence items`);
    console.log('\nIAM calls by action');
    for (const [action, n] of Object.entries(calls)) console.log(`  ${pad(action, 32)} ${n}`);
    console.log(`  ${pad('total', 32)} ${totalCalls}`);
    console.log('\ntimings');
    console.log(`  ${pad('collection', 32)} ${ms(collected - started)}`);
    console.log(`  ${pad('checks', 32)} ${ms(finished - collected)}`);
    console.log(`  ${pad('wall time', 32)} ${ms(wall)}`);
    console.log(`  ${pad('peak RSS', 32)} ${peakRssMb.toFixed(0)} MB`);
    console.log(`\nfindings (${findings.length}, ${allChecks.length} checks)`);
    for (const [status, n] of Object.entries(byStatus)) console.log(`  ${pad(status, 32)} ${n}`);

    const callsOk = totalCalls <= TARGET_CALLS;
    const wallOk = wall < TARGET_WALL_MS;
    console.log(`\ntargets: calls ${totalCalls} ≤ ${TARGET_CALLS} ${callsOk ? 'ok' : 'MISSED'}; wall ${ms(wall)} < ${ms(TARGET_WALL_MS)} ${wallOk ? 'ok' : 'MISSED'}`);
    if (!callsOk || !wallOk || result.state !== 'succeeded') process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

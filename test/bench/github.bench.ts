// npm run bench:github — the github connector and checks against a large emulated organization.
// Targets (issue 5): ≤ 170 quota-counted requests on the first run (5,000 repositories, 300
// members, 30 ms per request); an unchanged re-run uses ≤ 10 % of the first run's quota. The
// emulator runs in this process, so peak RSS includes it.
import { githubChecks } from '@astrolabe/checks';
import { githubConnector } from '@astrolabe/connector-github';
import { createEvidenceSet, evaluateChecks, memoryResponseCache, type FindingStatus, type ProviderUsage } from '@astrolabe/core';
import { generateGithubScenario, GENERATED_TOKENS, startGithubEmulator, summarizeCalls, type GithubCall } from '@astrolabe/emulator-github';
import { runCollection, type CollectionResult } from '@astrolabe/evidence';

const SIZE = { repositories: 5000, members: 300 } as const;
const LATENCY_MS = 30;
const TARGET_FIRST_REQUESTS = 170;
const TARGET_RERUN_SHARE = 0.1;

const pad = (s: string, n: number): string => s.padEnd(n);
const ms = (n: number): string => `${Math.round(n)} ms`;

interface RunFigures {
  label: string;
  result: CollectionResult;
  wallMs: number;
  calls: GithubCall[];
}

/** Quota-counted requests: REST requests GitHub charged (not 304s) plus GraphQL requests. */
const countedRequests = (u: ProviderUsage | null) => (u?.restRequests ?? 0) + (u?.graphqlRequests ?? 0);
/** Quota: REST requests (1 each) plus GraphQL points. */
const quota = (u: ProviderUsage | null) => (u?.restRequests ?? 0) + (u?.graphqlPoints ?? 0);

function print(run: RunFigures): void {
  const s = summarizeCalls(run.calls);
  const u = run.result.usage;
  console.log(`\n${run.label}: ${run.result.state}, ${run.result.items.length} evidence items, wall ${ms(run.wallMs)}`);
  console.log('  requests by route');
  for (const [route, n] of Object.entries(s.byRoute)) console.log(`    ${pad(route, 48)} ${n}`);
  console.log(`    ${pad('by status', 48)} ${JSON.stringify(s.byStatus)}`);
  console.log(`  ${pad('REST requests charged', 50)} ${u?.restRequests ?? 0}`);
  console.log(`  ${pad('REST 304 Not Modified (free)', 50)} ${u?.restNotModified ?? 0}`);
  console.log(`  ${pad('GraphQL requests', 50)} ${u?.graphqlRequests ?? 0}`);
  console.log(`  ${pad('GraphQL points', 50)} ${u?.graphqlPoints ?? 0}`);
  console.log(`  ${pad('repository scan reused', 50)} ${u?.scansReused ?? 0}`);
  console.log(`  ${pad('quota-counted requests', 50)} ${countedRequests(u)}`);
  console.log(`  ${pad('quota used (REST + GraphQL points)', 50)} ${quota(u)}`);
}

async function main(): Promise<void> {
  const scenario = generateGithubScenario({ ...SIZE, seed: 2026 });
  const emulator = await startGithubEmulator({ scenario, latencyMs: LATENCY_MS });
  const cache = memoryResponseCache();
  const config = githubConnector.configSchema.parse({ organization: emulator.org, baseUrl: emulator.restUrl });
  const secret = githubConnector.secretSchema.parse({ token: GENERATED_TOKENS.owner });
  try {
    const runs: RunFigures[] = [];
    for (const label of ['first run', 'unchanged re-run']) {
      emulator.resetCalls();
      const started = performance.now();
      const result = await runCollection({ connector: githubConnector, config, secret, cache });
      runs.push({ label, result, wallMs: performance.now() - started, calls: emulator.calls() });
    }
    const [first, rerun] = runs as [RunFigures, RunFigures];

    const started = performance.now();
    const findings = evaluateChecks(githubChecks, createEvidenceSet(first.result.items, first.result.outcomes), {
      now: new Date(),
      scope: first.result.scope ?? { id: `github:org/${emulator.org}`, type: 'github:organization', name: emulator.org },
    });
    const checksMs = performance.now() - started;
    const byStatus: Record<FindingStatus, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
    for (const f of findings) byStatus[f.status] += 1;

    console.log(`github bench: ${SIZE.repositories} repositories, ${SIZE.members} members, ${LATENCY_MS} ms latency per request`);
    for (const run of runs) print(run);
    console.log(`\nchecks: ${githubChecks.length} checks, ${findings.length} findings in ${ms(checksMs)}: ${JSON.stringify(byStatus)}`);
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (connector, checks and emulator in one process)`);

    const firstRequests = countedRequests(first.result.usage);
    const share = quota(rerun.result.usage) / Math.max(1, quota(first.result.usage));
    const requestsOk = firstRequests <= TARGET_FIRST_REQUESTS;
    const rerunOk = share <= TARGET_RERUN_SHARE;
    console.log(
      `\ntargets: first run ${firstRequests} quota-counted requests ≤ ${TARGET_FIRST_REQUESTS} ${requestsOk ? 'ok' : 'MISSED'}; ` +
        `re-run quota ${(share * 100).toFixed(1)} % of the first ≤ ${TARGET_RERUN_SHARE * 100} % ${rerunOk ? 'ok' : 'MISSED'}`,
    );
    if (!requestsOk || !rerunOk || first.result.state === 'failed') process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

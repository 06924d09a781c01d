import { startGithubEmulator } from './github-emulator';
import { generateGithubScenario } from './scenario-generator';
import { GITHUB_DEMO_SCENARIO_PATH, loadGithubScenarioFile } from './scenario-loader';
import type { GithubScenario, GithubScenarioInput } from './scenario-schema';

const USAGE = `usage: node -r @swc-node/register test/emulators/github/src/main.ts [--scenario <file>] [--port <n>] [--host <h>]
       [--latency-ms <n>] [--generate <repositories>,<members>[,<seed>]]
Starts the GitHub emulator (default: the demo organization on a free port) and prints its URL.
REST is at <url>/api/v3 (octokit baseUrl), GraphQL at <url>/api/graphql.`;

function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i] ?? '';
    if (key === '--help' || key === '-h') args.set('help', 'true');
    else if (key.startsWith('--')) args.set(key.slice(2), argv[++i] ?? '');
    else throw new Error(`unexpected argument ${key}\n${USAGE}`);
  }
  return args;
}

function scenarioFrom(args: Map<string, string>): { scenario: GithubScenario | GithubScenarioInput; source: string } {
  const generate = args.get('generate');
  if (generate) {
    const [repositories, members, seed] = generate.split(',').map(Number);
    return { scenario: generateGithubScenario({ repositories: repositories ?? 100, members: members ?? 30, seed: seed ?? 1 }), source: `generated (${generate})` };
  }
  const path = args.get('scenario') ?? GITHUB_DEMO_SCENARIO_PATH;
  return { scenario: loadGithubScenarioFile(path), source: path };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return;
  }
  const { scenario, source } = scenarioFrom(args);
  const emulator = await startGithubEmulator({
    scenario,
    port: Number(args.get('port') ?? 0),
    host: args.get('host') ?? '127.0.0.1',
    latencyMs: Number(args.get('latency-ms') ?? 0),
  });
  console.log(emulator.url);
  const token = scenario.tokens[0]?.token ?? '<token>';
  console.error(`GitHub emulator for org ${emulator.org} (${source}); try: curl -H 'Authorization: token ${token}' ${emulator.restUrl}/orgs/${emulator.org}`);
  const shutdown = (): void => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

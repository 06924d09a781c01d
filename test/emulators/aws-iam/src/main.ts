import { startIamEmulator } from './iam-emulator';
import { DEMO_SCENARIO_PATH, loadScenarioFile } from './scenario-loader';

const USAGE = `usage: node -r @swc-node/register test/emulators/aws-iam/src/main.ts [--scenario <file>] [--port <n>] [--host <h>]
       [--latency-ms <n>] [--throttle-rate <0..1>] [--deny <Action,Action>]
Starts the IAM emulator (default: the demo scenario on a free port) and prints its URL.`;

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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return;
  }
  const scenarioPath = args.get('scenario') ?? DEMO_SCENARIO_PATH;
  const emulator = await startIamEmulator({
    scenario: loadScenarioFile(scenarioPath),
    port: Number(args.get('port') ?? 0),
    host: args.get('host') ?? '127.0.0.1',
    latencyMs: Number(args.get('latency-ms') ?? 0),
    throttleRate: Number(args.get('throttle-rate') ?? 0),
    accessDenied: args.get('deny')?.split(',').filter(Boolean) ?? [],
  });
  console.log(emulator.url);
  console.error(`IAM emulator for account ${emulator.accountId} (${scenarioPath}); try: AWS_ENDPOINT_URL_IAM=${emulator.url} aws iam get-account-summary`);
  const shutdown = (): void => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

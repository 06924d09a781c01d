import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzureEmulator } from './azure-emulator';
import { generateAzureScenario } from './scenario-generator';
import { AZURE_DEMO_SCENARIO_PATH, loadAzureScenarioFile } from './scenario-loader';
import type { AzureScenario, AzureScenarioInput } from './scenario-schema';

const USAGE = `usage: node -r @swc-node/register test/emulators/azure/src/main.ts [--scenario <file>] [--port <n>] [--host <h>]
       [--latency-ms <n>] [--generate <users>,<groups>[,<seed>]] [--ca-file <path>]
Starts the Azure emulator (default: the demo tenant on a free port) over HTTPS and prints one JSON line:
{"url", "tenantId", "tenantDomain", "clientId", "clientSecret", "caCertificateFile"}.
Token endpoint <url>/<tenantId>/oauth2/v2.0/token, Microsoft Graph <url>/v1.0, ARM <url>/subscriptions.
Clients trust the emulator with the CA in caCertificateFile (NODE_EXTRA_CA_CERTS, curl --cacert).`;

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

function scenarioFrom(args: Map<string, string>): { scenario: AzureScenario | AzureScenarioInput; source: string } {
  const generate = args.get('generate');
  if (generate) {
    const [users, groups, seed] = generate.split(',').map(Number);
    return { scenario: generateAzureScenario({ users: users ?? 1000, groups: groups ?? 50, seed: seed ?? 1 }), source: `generated (${generate})` };
  }
  const path = args.get('scenario') ?? AZURE_DEMO_SCENARIO_PATH;
  return { scenario: loadAzureScenarioFile(path), source: path };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return;
  }
  const { scenario, source } = scenarioFrom(args);
  const emulator = await startAzureEmulator({
    scenario,
    port: Number(args.get('port') ?? 0),
    host: args.get('host') ?? '127.0.0.1',
    latencyMs: Number(args.get('latency-ms') ?? 0),
  });
  // The CA changes at every start; a file is what NODE_EXTRA_CA_CERTS and curl take.
  const caCertificateFile = args.get('ca-file') ?? join(mkdtempSync(join(tmpdir(), 'astrolabe-azure-')), 'emulator-ca.pem');
  writeFileSync(caCertificateFile, emulator.caCertificatePem);
  const { url, tenantId, tenantDomain, clientId, clientSecret } = emulator;
  console.log(JSON.stringify({ url, tenantId, tenantDomain, clientId, clientSecret, caCertificateFile }));
  console.error(
    `Azure emulator for tenant ${tenantDomain} (${source}); try:\n` +
      `  TOKEN=$(curl -s --cacert ${caCertificateFile} ${url}/${tenantId}/oauth2/v2.0/token -d grant_type=client_credentials -d client_id=${clientId} --data-urlencode client_secret=${clientSecret} --data-urlencode scope=https://graph.microsoft.com/.default | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')\n` +
      `  curl -s --cacert ${caCertificateFile} -H "Authorization: Bearer $TOKEN" '${url}/v1.0/users?$select=id,userPrincipalName&$top=5'`,
  );
  const shutdown = (): void => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

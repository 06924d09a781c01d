// `npm start`: the console with a demo workspace on http://localhost:3000, fed by the AWS IAM,
// GitHub and Azure (Entra ID + ARM) emulators (separate processes: the server itself ships no test code and knows no emulator).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

console.log('Building the console…');
const build = spawnSync('npx', ['vite', 'build', 'dashboards/console', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const ts = ['-r', '@swc-node/register'];

/** Starts an emulator process and returns it with what it prints on its first line: a URL, or JSON with one. */
async function startEmulator(script) {
  const child = spawn(process.execPath, [...ts, script, '--latency-ms', '40'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [firstLine] = await once(createInterface({ input: child.stdout }), 'line');
  const line = String(firstLine).trim();
  const info = line.startsWith('{') ? JSON.parse(line) : { url: line };
  return { child, ...info };
}

const iam = await startEmulator('test/emulators/aws-iam/src/main.ts');
const github = await startEmulator('test/emulators/github/src/main.ts');
// One Azure emulator (HTTPS, its own CA) serves the token endpoint, Microsoft Graph and ARM.
const azure = await startEmulator('test/emulators/azure/src/main.ts');
const emulators = [iam.child, github.child, azure.child];

const env = {
  ASTROLABE_DEMO: '1',
  ASTROLABE_DEMO_IAM_ENDPOINT: iam.url,
  ASTROLABE_DEMO_GITHUB_ENDPOINT: `${github.url}/api/v3`,
  ASTROLABE_DEMO_AZURE_ENDPOINT: azure.url,
  ASTROLABE_DEMO_AZURE_CA_FILE: azure.caCertificateFile,
  PORT: '3000',
  ...process.env,
};
console.log(`Starting Astrolabe (demo) on http://localhost:${env.PORT} — data in ./.astrolabe (delete it to start over)`);
const server = spawn(process.execPath, ['-r', 'reflect-metadata', ...ts, 'apps/server/src/main.ts'], { stdio: 'inherit', env });

const stopAll = (sig) => {
  server.kill(sig);
  for (const e of emulators) e.kill(sig);
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stopAll(sig));
server.on('exit', (code) => {
  for (const e of emulators) e.kill('SIGTERM');
  process.exit(code ?? 0);
});
for (const e of emulators) {
  e.on('exit', (code) => {
    if (code) {
      console.error(`an emulator stopped (exit ${code}); stopping the server`);
      server.kill('SIGTERM');
    }
  });
}

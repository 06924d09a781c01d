// `npm start`: the console with a demo workspace on http://localhost:3000, fed by the AWS IAM
// emulator (a separate process: the server itself ships no test code and knows no emulator).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

console.log('Building the console…');
const build = spawnSync('npx', ['vite', 'build', 'dashboards/console', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const ts = ['-r', '@swc-node/register'];
const emulator = spawn(process.execPath, [...ts, 'test/emulators/aws-iam/src/main.ts', '--latency-ms', '40'], { stdio: ['ignore', 'pipe', 'inherit'] });
const [firstLine] = await once(createInterface({ input: emulator.stdout }), 'line');
const endpoint = String(firstLine).trim();

const env = { ASTROLABE_DEMO: '1', ASTROLABE_DEMO_IAM_ENDPOINT: endpoint, PORT: '3000', ...process.env };
console.log(`Starting Astrolabe (demo) on http://localhost:${env.PORT} — data in ./.astrolabe (delete it to start over)`);
const server = spawn(process.execPath, ['-r', 'reflect-metadata', ...ts, 'apps/server/src/main.ts'], { stdio: 'inherit', env });

const stopAll = (sig) => {
  server.kill(sig);
  emulator.kill(sig);
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stopAll(sig));
server.on('exit', (code) => {
  emulator.kill('SIGTERM');
  process.exit(code ?? 0);
});
emulator.on('exit', (code) => {
  if (code) {
    console.error(`the IAM emulator stopped (exit ${code}); stopping the server`);
    server.kill('SIGTERM');
  }
});

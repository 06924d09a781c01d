// `npm start`: the console with a demo workspace fed by the AWS IAM emulator, on http://localhost:3000.
import { spawn, spawnSync } from 'node:child_process';

console.log('Building the console…');
const build = spawnSync('npx', ['vite', 'build', 'dashboards/console', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { ASTROLABE_DEMO: '1', PORT: '3000', ...process.env };
console.log(`Starting Astrolabe (demo) on http://localhost:${env.PORT} — data in ./.astrolabe (delete it to start over)`);
const server = spawn(process.execPath, ['-r', 'reflect-metadata', '-r', '@swc-node/register', 'apps/server/src/main.ts'], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));

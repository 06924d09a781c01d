// `npm test`: every test the project has, in the order that fails fastest.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '1' };

function step(title, cmd, args) {
  const started = Date.now();
  console.log(`\n▶ ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${secs}s)`);
}

// The module-boundary rule reads Nx's project graph: compute it first so the rule never skips.
step('project graph', 'npx', ['nx', 'show', 'projects']);
step('lint (module boundaries + style)', 'npx', ['eslint', '--max-warnings=0', '.']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('typecheck console', 'npx', ['tsc', '-p', 'dashboards/console/tsconfig.json', '--noEmit']);
step('typecheck console build config', 'npx', ['tsc', '-p', 'dashboards/console/tsconfig.node.json', '--noEmit']);
step('unit, connector and medium tests', 'npx', ['vitest', 'run']);
step('build console', 'npx', ['vite', 'build', 'dashboards/console', '--logLevel', 'warn']);
ensureChromium();
step('e2e in headless Chromium', 'npx', ['vitest', 'run', '--config', 'test/e2e/vitest.e2e.config.mts']);
console.log('\nAll tests passed.');

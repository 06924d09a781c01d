import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Browser tests: the real server (demo mode, embedded PostgreSQL) and the built console in Debian's Chromium.
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/e2e/**/*.e2e.spec.ts'],
    globalSetup: ['libs/testkit/src/vitest-global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

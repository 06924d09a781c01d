import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { startTestServer, type TestServer } from '../../../apps/server/test/support/test-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CONSOLE_DIR = join(__dirname, '../../../dashboards/console/dist');
const SHOTS = join(__dirname, '../../../test-results');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface DemoConsoleOptions {
  /** Latency the IAM emulator adds to every request. */
  iamLatencyMs?: number;
  viewport?: { width: number; height: number };
  /** Extra server environment, on top of the demo's. */
  env?: Record<string, string>;
}

/** The real server in demo mode against the IAM emulator, serving the built console to headless Chromium. */
export interface DemoConsole {
  server: TestServer;
  emulator: IamEmulator;
  browser: Browser;
  page: Page;
  /** Where screenshots go (created). */
  shotsDir: string;
  /** The demo queues a first run at start-up; resolves once the demo connection's last run succeeded or partly succeeded. */
  firstRunFinished(): Promise<void>;
  /** Closes the browser, the server and the emulator. */
  stop(): Promise<void>;
}

export async function startDemoConsole(opts: DemoConsoleOptions = {}): Promise<DemoConsole> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error('console is not built: run `npx vite build dashboards/console`');
  let emulator: IamEmulator | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close();
    await server?.close();
    await emulator?.stop();
  };
  try {
    emulator = await startIamEmulator({ scenario: loadDemoScenario(), latencyMs: opts.iamLatencyMs ?? 20 });
    // A schedule that cannot fire during the test: only the demo's start-up run and the test's own "run now" happen.
    server = await startTestServer({ ASTROLABE_DEMO: '1', ASTROLABE_DEMO_IAM_ENDPOINT: emulator.url, ASTROLABE_DEMO_SCHEDULE: '0 0 1 1 *', ASTROLABE_CONSOLE_DIR: CONSOLE_DIR, ...opts.env });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
    mkdirSync(SHOTS, { recursive: true });
    const running = server;
    const firstRunFinished = async (): Promise<void> => {
      const ws = (await running.api<{ items: { id: string }[] }>('GET', '/api/v1/workspaces')).body.items[0]!;
      await expect
        .poll(async () => (await running.api<{ items: { lastRun: { state: string } | null }[] }>('GET', `/api/v1/workspaces/${ws.id}/connections`)).body.items[0]?.lastRun?.state, { timeout: 60_000, interval: 250 })
        .toMatch(/succeeded|partial/);
    };
    return { server, emulator, browser, page, shotsDir: SHOTS, firstRunFinished, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Switches the console's "Acting as" member by display name and waits until it took; returns the member id. */
export async function actAs(page: Page, name: string): Promise<string> {
  const select = page.getByTestId('acting-as-select');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  expect(value).toBeTruthy();
  await select.selectOption(value!);
  await expect.poll(async () => page.getByTestId('acting-as').getAttribute('data-member')).toBe(value);
  return value!;
}

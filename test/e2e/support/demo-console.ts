import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { AS_MEMBER, startTestServer, type TestServer } from '../../../apps/server/test/support/test-server';

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
  /**
   * The demo persona the page signs in as, by display name, through the persona list on /login
   * (default Priya Raman, the compliance lead); null leaves the page signed out.
   */
  signInAs?: string | null;
}

export interface DemoPersona {
  id: string;
  displayName: string;
  role: string;
}

/** The real server in demo mode against the IAM emulator, serving the built console to headless Chromium. */
export interface DemoConsole {
  server: TestServer;
  emulator: IamEmulator;
  browser: Browser;
  page: Page;
  /** Where screenshots go (created). */
  shotsDir: string;
  /** The demo workspace and its personas, as GET /api/v1/auth/options lists them. */
  workspaceId: string;
  personas: DemoPersona[];
  /** An API call made as a demo persona (default the owner, Jordan Reyes) with a session of their own. */
  api: <T = unknown>(method: string, path: string, body?: unknown, as?: string) => Promise<{ status: number; body: T; text: string; headers: Headers }>;
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
    const options = (await (await fetch(`${server.url}/api/v1/auth/options`)).json()) as { demo: { workspaceId: string; members: DemoPersona[] } | null };
    if (!options.demo) throw new Error('the server is not in demo mode: GET /api/v1/auth/options lists no demo personas');
    const { workspaceId, members: personas } = options.demo;
    const personaId = (name: string): string => {
      const persona = personas.find((p) => p.displayName === name);
      if (!persona) throw new Error(`no demo persona named ${name}`);
      return persona.id;
    };
    const api = <T = unknown>(method: string, path: string, body?: unknown, as = 'Jordan Reyes') => running.api<T>(method, path, body, { [AS_MEMBER]: personaId(as) });
    const firstRunFinished = async (): Promise<void> => {
      await expect
        .poll(async () => (await api<{ items: { lastRun: { state: string } | null }[] }>('GET', `/api/v1/workspaces/${workspaceId}/connections`)).body.items[0]?.lastRun?.state, { timeout: 60_000, interval: 250 })
        .toMatch(/succeeded|partial/);
    };
    const signInAs = opts.signInAs === undefined ? 'Priya Raman' : opts.signInAs;
    if (signInAs) await signInAsPersona(page, server.url, signInAs);
    return { server, emulator, browser, page, shotsDir: SHOTS, workspaceId, personas, api, firstRunFinished, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Signs the page in as a demo persona through the "continue as…" list on /login; waits for the overview. */
export async function signInAsPersona(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('demo-persona').filter({ hasText: name }).click();
  await page.getByTestId('overview-page').waitFor();
  // Runs in beforeAll too, where expect.poll is not available.
  await page.getByTestId('user-name').filter({ hasText: name }).waitFor();
}

/**
 * Becomes another demo persona with the header's persona switcher (a real sign-in as them, POST
 * /api/v1/auth/demo) and waits until the console shows them; returns their member id.
 */
export async function actAs(page: Page, name: string): Promise<string> {
  const select = page.getByTestId('acting-as-select');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  expect(value).toBeTruthy();
  await select.selectOption(value!);
  await expect.poll(async () => page.getByTestId('acting-as').getAttribute('data-member')).toBe(value);
  return value!;
}

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGithubDemoScenario, startGithubEmulator, type GithubEmulator } from '@astrolabe/emulator-github';
import type { TestServer } from '../../apps/server/test/support/test-server';
import { startDemoConsole, type DemoConsole } from './support/demo-console';

// An organization owner's token in the emulator's demo scenario; not a real token.
const OWNER_TOKEN = 'ghp_acmeOwnerAuditToken00000000000000000';

// A GitHub organization next to the demo's AWS account: the test server starts only the AWS
// emulator, so this spec runs its own GitHub emulator and adds the connection through the form.
describe('GitHub connection journey in headless Chromium', () => {
  let demo: DemoConsole;
  let server: TestServer;
  let github: GithubEmulator;
  let page: Page;
  let shotsDir: string;

  beforeAll(async () => {
    github = await startGithubEmulator({ scenario: loadGithubDemoScenario() });
    // Adding a connection takes an owner or admin.
    demo = await startDemoConsole({ iamLatencyMs: 10, viewport: { width: 1280, height: 800 }, signInAs: 'Jordan Reyes' });
    ({ server, page, shotsDir } = demo);
  });

  afterAll(async () => {
    await demo?.stop();
    await github?.stop();
  });

  it('adds a GitHub organization from the form, runs it, shows the API quota it spent and its failing checks', async () => {
    await page.goto(`${server.url}/connections`);
    await page.getByTestId('add-connection').click();
    await page.getByTestId('connector-github').click();
    await page.getByTestId('connection-form').waitFor();

    // The form comes from the connector's JSON Schemas: a number for fullScanHours, a password
    // field for the token, a textarea for the App's PEM key, the credential help beside it.
    await page.getByTestId('field-config-organization').waitFor();
    expect(await page.getByTestId('field-config-fullScanHours').getAttribute('type')).toBe('number');
    expect(await page.getByTestId('field-config-fullScanHours').inputValue()).toBe('6');
    expect(await page.getByTestId('field-secret-token').getAttribute('type')).toBe('password');
    expect(await page.getByTestId('field-secret-privateKey').evaluate((el) => el.tagName)).toBe('TEXTAREA');
    await page.getByTestId('field-group-app').waitFor();
    expect(await page.getByTestId('credential-help').textContent()).toContain('GITHUB_TOKEN');

    // The server's field errors land under their fields.
    await page.getByTestId('field-name').fill('Acme GitHub (e2e)');
    await page.getByTestId('field-config-organization').fill('not an org!');
    await page.getByTestId('field-config-baseUrl').fill('not a url');
    await page.getByTestId('field-config-fullScanHours').fill('48');
    await page.getByTestId('create-connection').click();
    await page.getByTestId('field-config-organization-error').waitFor();
    await page.getByTestId('field-config-baseUrl-error').waitFor();
    expect(await page.getByTestId('field-config-fullScanHours-error').textContent()).toMatch(/24/);
    await page.screenshot({ path: join(shotsDir, 'github-form-errors.png'), fullPage: true });

    await page.getByTestId('field-config-organization').fill(github.org);
    await page.getByTestId('field-config-baseUrl').fill(github.restUrl);
    await page.getByTestId('field-config-fullScanHours').fill('6');
    await page.getByTestId('field-secret-token').fill(OWNER_TOKEN);
    await page.getByTestId('create-connection').click();
    await page.getByTestId('connection-created').waitFor();
    await expect.poll(async () => page.getByTestId('validation-summary').getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
    expect(await page.content()).not.toContain(OWNER_TOKEN);

    // Run it: the run succeeds and reports what it cost against GitHub's rate limits.
    await page.getByTestId('open-connection').click();
    await page.getByTestId('connection-detail-page').waitFor();
    expect(await page.getByTestId('connector-badge').first().getAttribute('data-connector')).toBe('github');
    await page.getByTestId('run-now').click();
    await expect.poll(async () => page.getByTestId('run-state').getAttribute('data-status'), { timeout: 60_000, interval: 250 }).toBe('succeeded');
    const usage = page.getByTestId('run-usage');
    await usage.waitFor();
    expect(Number(await usage.getByTestId('run-usage-restRequests').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(Number(await usage.getByTestId('run-usage-graphqlPoints').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await usage.getByTestId('run-usage-restNotModified').textContent()).toContain('304s (free)');
    expect(await usage.getByTestId('run-usage-scansReused').textContent()).toContain('No');
    await usage.getByTestId('run-usage-restRemaining').waitFor();
    await page.screenshot({ path: join(shotsDir, 'github-run.png'), fullPage: true });

    // Two sources side by side, each with its connector.
    await page.getByRole('link', { name: 'Connections' }).first().click();
    await page.getByTestId('connections-table').waitFor();
    const rows = page.locator('[data-testid^="connection-row-"]');
    await expect.poll(async () => rows.count()).toBe(2);
    const connectors = await page.getByTestId('connections-table').getByTestId('connector-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-connector')).sort());
    expect(connectors).toEqual(['aws-iam', 'github']);

    // Checks by source: only GitHub's, one of them failing on a repository without protection.
    await page.getByRole('link', { name: 'Checks' }).first().click();
    await page.getByTestId('checks-table').waitFor();
    await page.getByTestId('check-connector-github').click();
    await expect.poll(async () => new URL(page.url()).searchParams.get('connector')).toBe('github');
    // The table re-renders after the URL changes: wait for it to show one source.
    const sources = () => page.locator('[data-testid^="check-row-"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-connector')))]);
    await expect.poll(sources).toEqual(['github']);
    const row = page.getByTestId('check-row-github.default-branch-protected');
    await expect.poll(async () => row.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('failing');
    await page.screenshot({ path: join(shotsDir, 'github-checks.png'), fullPage: true });
    await row.click();
    await page.getByTestId('check-detail-page').waitFor();
    const failing = page.locator('[data-testid="finding-row"][data-status="fail"]').first();
    await failing.waitFor();
    expect(await failing.getAttribute('data-resource')).toMatch(new RegExp(`^github:repo/${github.org}/`));
  });
});

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../apps/server/test/support/test-server';
import { startDemoConsole, type DemoConsole } from './support/demo-console';

describe('demo journey in headless Chromium', () => {
  let demo: DemoConsole;
  let server: TestServer;
  let page: Page;
  let shotsDir: string;

  beforeAll(async () => {
    // Adding a connection takes an owner or admin.
    demo = await startDemoConsole({ iamLatencyMs: 40, viewport: { width: 1280, height: 800 }, signInAs: 'Jordan Reyes' });
    ({ server, page, shotsDir } = demo);
  });

  afterAll(async () => {
    await demo?.stop();
  });

  it('opens the demo, finds a failing check, opens a resource, reads remediation, runs now', async () => {
    await demo.firstRunFinished();
    await page.goto(server.url);
    await page.getByTestId('overview-page').waitFor();
    // The start-up run lands within seconds; the overview then shows readiness per framework.
    await page.getByTestId('readiness-soc2-tsc-2017').waitFor({ timeout: 30_000 });
    await expect.poll(async () => page.getByTestId('readiness-soc2-tsc-2017').getByTestId('readiness-percent').textContent(), { timeout: 30_000 }).toMatch(/\d/);
    await page.screenshot({ path: join(shotsDir, 'overview.png') });

    await page.getByRole('link', { name: 'Checks' }).first().click();
    const row = page.getByTestId('check-row-aws-iam.console-user-mfa');
    await row.waitFor();
    await expect.poll(async () => row.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('failing');
    await row.click();

    await page.getByTestId('check-detail-page').waitFor();
    const finding = page.getByTestId('finding-row').first();
    await finding.waitFor();
    expect(await finding.textContent()).toMatch(/arn:aws:iam::\d{12}:user\//);
    await finding.getByTestId('finding-open').click();
    const details = page.getByTestId('finding-details').first();
    await details.waitFor();
    expect(await details.getByTestId('finding-reason').textContent()).toMatch(/MFA/);
    const remediation = page.getByTestId('remediation').first();
    await remediation.waitFor();
    expect(await remediation.textContent()).toMatch(/aws iam/);
    await page.screenshot({ path: join(shotsDir, 'check-detail.png'), fullPage: true });

    await page.getByRole('link', { name: 'Connections' }).first().click();
    await page.getByTestId('connections-table').waitFor();
    await page.locator('[data-testid^="connection-row-"]').first().click();
    await page.getByTestId('connection-detail-page').waitFor();
    const before = await page.getByTestId('run-history-row').count();
    await page.getByTestId('run-now').click();
    // The new run appears, shows live progress, and ends in a terminal state without a reload.
    await expect.poll(async () => page.getByTestId('run-history-row').count(), { timeout: 20_000 }).toBe(before + 1);
    await expect.poll(async () => (await page.getByTestId('run-state').textContent()) ?? '', { timeout: 60_000, interval: 250 }).toMatch(/succeeded|partial/i);
    await page.screenshot({ path: join(shotsDir, 'connection-run.png'), fullPage: true });
  });

  it('adds an aws-iam connection: field errors from the server, then create and validate', async () => {
    const existing = (await demo.api<{ items: { config: { endpointUrl: string } }[] }>('GET', `/api/v1/workspaces/${demo.workspaceId}/connections`)).body.items[0]!;

    await page.goto(`${server.url}/connections/new`);
    await page.getByTestId('connection-form').waitFor();
    expect(await page.getByTestId('permissions').textContent()).toContain('iam:GenerateCredentialReport');
    await page.getByTestId('field-name').fill('Staging account');
    await page.getByTestId('field-schedule').fill('every day');
    await page.getByTestId('field-config-endpointUrl').fill('not a url');
    await page.getByTestId('create-connection').click();
    await page.getByTestId('field-schedule-error').waitFor();
    await page.getByTestId('field-config-endpointUrl-error').waitFor();

    await page.getByTestId('field-schedule').fill('*/30 * * * *');
    await page.getByTestId('field-config-endpointUrl').fill(existing.config.endpointUrl);
    await page.getByTestId('field-secret-accessKeyId').fill('AKIAIOSFODNN7EXAMPLE');
    await page.getByTestId('field-secret-secretAccessKey').fill('e2e-secret-value');
    await page.getByTestId('create-connection').click();
    await page.getByTestId('connection-created').waitFor();
    await expect.poll(async () => page.getByTestId('validation-summary').getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
    await page.screenshot({ path: join(shotsDir, 'connection-added.png'), fullPage: true });
    // Write-only: the secret never comes back to the browser.
    expect(await page.content()).not.toContain('e2e-secret-value');
  });
});

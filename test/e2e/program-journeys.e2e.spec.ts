import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../apps/server/test/support/test-server';
import { actAs, startDemoConsole, type DemoConsole } from './support/demo-console';

const DAY_MS = 86_400_000;

// The compliance program as people use it: a lead uploads manual evidence, an engineer asks for
// an exception and a lead approves it, an engineer accepts the risk of one finding and withdraws it,
// a lead adds a control of their own and maps it to a SOC 2 criterion.
// Everything is clicked; statuses are read from data-status.
describe('compliance program journeys in headless Chromium', () => {
  let demo: DemoConsole;
  let server: TestServer;
  let page: Page;
  let shotsDir: string;

  beforeAll(async () => {
    demo = await startDemoConsole({ iamLatencyMs: 20, viewport: { width: 1440, height: 900 } });
    ({ server, page, shotsDir } = demo);
  });

  afterAll(async () => {
    await demo?.stop();
  });

  async function statusOf(locator: Locator): Promise<string | null> {
    return locator.getAttribute('data-status');
  }

  it('uploads a file as evidence for a manual control: not monitored → passing', async () => {
    await page.goto(server.url);
    await page.getByTestId('overview-page').waitFor();
    // The harness signed in as the compliance lead, Priya Raman.
    await expect.poll(async () => page.getByTestId('acting-as').getAttribute('data-role')).toBe('compliance_lead');

    await page.getByTestId('nav-controls').click();
    await page.getByTestId('controls-table').waitFor();
    await page.getByTestId('control-search').fill('incident response plan');
    const row = page.getByTestId('control-row-ctl-incident-response-plan');
    await row.waitFor();
    expect(await statusOf(row)).toBe('not_monitored');
    await page.getByTestId('control-link-ctl-incident-response-plan').click();

    await page.getByTestId('control-detail-page').waitFor();
    const status = page.getByTestId('control-status');
    expect(await statusOf(status)).toBe('not_monitored');
    const requirement = page.getByTestId('evidence-requirement-approved-plan');
    expect(await requirement.getAttribute('data-state')).toBe('missing');

    // The plan was approved ten days ago; it is uploaded today.
    const effectiveOn = new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10);
    const content = 'Incident response plan v1.0 — roles, severities, escalation, notification.';
    await page.getByTestId('evidence-file').setInputFiles({ name: 'incident-response-plan.txt', mimeType: 'text/plain', buffer: Buffer.from(content, 'utf8') });
    await page.getByTestId('evidence-effective-on').fill(effectiveOn);
    await page.getByTestId('evidence-reviewer').selectOption({ label: 'Jordan Reyes (Owner)' });
    await page.getByTestId('evidence-note').fill('Approved by the CEO at the quarterly review.');
    await page.getByTestId('evidence-submit').click();
    await page.getByTestId('evidence-uploaded').waitFor();

    await expect.poll(async () => statusOf(status), { timeout: 15_000 }).toBe('passing');
    await expect.poll(async () => requirement.getAttribute('data-state')).toBe('current');
    const history = page.getByTestId('evidence-history-row');
    await expect.poll(async () => history.count()).toBe(1);
    expect(await history.first().textContent()).toContain('Jordan Reyes');
    // The history's download link returns exactly the uploaded bytes.
    const href = await history.first().getByTestId('evidence-download').getAttribute('href');
    expect(href).toBeTruthy();
    const download = await page.request.get(new URL(href!, server.url).toString());
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe(content);
    // Today's cell of the 90-day strip shows the new status.
    const today = new Date().toISOString().slice(0, 10);
    await expect.poll(async () => page.locator(`[data-testid="status-history-day"][data-day="${today}"]`).getAttribute('data-status')).toBe('passing');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shotsDir, 'program-evidence-uploaded.png'), fullPage: true });
  });

  it('an engineer requests an exception on a failing control, a lead approves it: failing → excepted', async () => {
    await demo.firstRunFinished();
    await page.goto(server.url);
    await page.getByTestId('overview-page').waitFor();
    await actAs(page, 'Marco Diaz');

    await page.getByTestId('nav-controls').click();
    await page.getByTestId('control-filter-failing').click();
    const row = page.getByTestId('control-row-ctl-iam-console-mfa');
    await row.waitFor();
    await expect.poll(async () => statusOf(row), { timeout: 30_000 }).toBe('failing');
    await page.getByTestId('control-link-ctl-iam-console-mfa').click();

    await page.getByTestId('control-detail-page').waitFor();
    const status = page.getByTestId('control-status');
    expect(await statusOf(status)).toBe('failing');
    // The failing resources are listed under the control's check.
    await page.getByTestId('control-check-aws-iam.console-user-mfa').getByTestId('finding-row').first().waitFor();

    await page.getByTestId('request-exception').click();
    await page.getByTestId('exception-reason').fill('Four contractors lose console access at month end; MFA enrolment for the rest is scheduled with IT.');
    await page.getByTestId('exception-submit').click();
    const requested = page.getByTestId('control-exceptions').locator('[data-testid^="exception-row-"]');
    await requested.first().waitFor();
    expect(await requested.first().getAttribute('data-state')).toBe('requested');
    expect(await statusOf(status)).toBe('failing');

    // The requester may not approve their own request; a compliance lead may.
    await actAs(page, 'Priya Raman');
    await page.getByTestId('nav-exceptions').click();
    await page.getByTestId('exceptions-page').waitFor();
    const pending = page.locator('[data-testid^="exception-row-"][data-control="ctl-iam-console-mfa"]');
    await pending.waitFor();
    expect(await pending.getAttribute('data-state')).toBe('requested');
    await pending.getByTestId('exception-approve').click();
    await page.getByTestId('exception-note').fill('Accepted until the contractors leave; revisit at expiry.');
    await page.getByTestId('exception-confirm').click();
    await expect.poll(async () => page.getByTestId('exception-notice').getAttribute('data-state')).toBe('active');

    await page.getByTestId('exception-filter-active').click();
    const active = page.locator('[data-testid^="exception-row-"][data-control="ctl-iam-console-mfa"]');
    await active.waitFor();
    expect(await active.getAttribute('data-state')).toBe('active');
    await active.getByTestId('exception-open').click();
    await expect.poll(async () => active.locator('xpath=following-sibling::tr[1]').getByTestId('exception-event').count()).toBe(2);
    await page.screenshot({ path: join(shotsDir, 'program-exception-approved.png'), fullPage: true });

    await active.getByRole('link', { name: /MFA is enforced/ }).click();
    await page.getByTestId('control-detail-page').waitFor();
    await expect.poll(async () => statusOf(page.getByTestId('control-status')), { timeout: 15_000 }).toBe('excepted');
    await page.screenshot({ path: join(shotsDir, 'program-control-excepted.png'), fullPage: true });
  });

  it('an engineer accepts the risk of one failing finding from its details panel, sees it requested, and withdraws it', async () => {
    await demo.firstRunFinished();
    await page.goto(server.url);
    await page.getByTestId('overview-page').waitFor();
    await actAs(page, 'Marco Diaz');

    await page.getByTestId('nav-checks').click();
    await page.getByTestId('check-row-aws-iam.access-keys-rotated-90d').click();
    await page.getByTestId('check-detail-page').waitFor();
    const row = page.locator('[data-testid="finding-row"][data-status="fail"]').first();
    await row.waitFor();
    const resourceId = await row.getAttribute('data-resource');
    expect(resourceId).toBeTruthy();
    // A failing finding carries its remediation deadline (the workspace SLA); the demo's are fresh, so not overdue.
    expect(await row.getByTestId('finding-due').getAttribute('data-overdue')).toBe('false');
    await row.getByTestId('finding-open').click();
    const details = page.getByTestId('finding-details');
    expect(await details.getByTestId('finding-due-at').getAttribute('data-overdue')).toBe('false');

    await details.getByTestId('accept-risk').click();
    // Too short a reason is refused by the server and shown next to the field.
    await details.getByTestId('exception-reason').fill('Legacy job.');
    await details.getByTestId('exception-submit').click();
    await details.getByTestId('exception-reason-error').waitFor();
    await details.getByTestId('exception-reason').fill('This key is retired with its job at quarter end; rotating it now would break the nightly export.');
    await details.getByTestId('exception-submit').click();
    const requested = details.getByTestId('finding-exception-requested');
    await requested.waitFor();
    const exceptionId = await requested.getAttribute('data-exception');
    expect(exceptionId).toBeTruthy();
    await page.screenshot({ path: join(shotsDir, 'program-finding-exception-requested.png'), fullPage: true });

    // Listed as requested, named by the check and the resource; its requester may only withdraw it.
    await page.getByTestId('nav-exceptions').click();
    await page.getByTestId('exceptions-page').waitFor();
    const listed = page.getByTestId(`exception-row-${exceptionId}`);
    await listed.waitFor();
    expect(await listed.getAttribute('data-state')).toBe('requested');
    expect(await listed.textContent()).toContain(resourceId);
    expect(await listed.getByTestId('exception-approve').count()).toBe(0);
    await listed.getByTestId('exception-withdraw').click();
    await page.getByTestId('exception-confirm').click();
    await expect.poll(async () => page.getByTestId('exception-notice').getAttribute('data-state')).toBe('revoked');
    await expect.poll(async () => listed.count()).toBe(0);
  });

  it('a compliance lead adds a manual control, maps it to SOC 2 CC2.3 from the framework page, and finds it not monitored', async () => {
    const controlId = 'ctl-customer-security-updates';
    await page.goto(server.url);
    await page.getByTestId('overview-page').waitFor();
    await actAs(page, 'Priya Raman');

    await page.getByTestId('nav-controls').click();
    await page.getByTestId('controls-page').waitFor();
    await page.getByTestId('new-control').click();
    await page.getByTestId('control-form').waitFor();
    await page.getByTestId('control-title').fill('Security updates are sent to customers');
    // The id follows the title until it is typed by hand.
    expect(await page.getByTestId('control-id').inputValue()).toBe('ctl-security-updates-are-sent-to-customers');
    await page.getByTestId('control-id').fill(controlId);
    await page.getByTestId('control-description').fill('Customers receive a quarterly security newsletter describing changes to our security program.');
    await page.getByTestId('control-category').selectOption('communications');

    // Neither a check nor manual evidence: the server refuses, and says so under the evidence list.
    await page.getByTestId('control-submit').click();
    await page.getByTestId('manual-evidence-error').waitFor();

    await page.getByTestId('evidence-row-add').click();
    const row = page.getByTestId('evidence-row');
    await row.getByTestId('evidence-row-title').fill('Quarterly customer security newsletter');
    expect(await row.getByTestId('evidence-row-id').inputValue()).toBe('quarterly-customer-security-newsletter');
    await row.getByTestId('evidence-row-description').fill('The newsletter as sent, with the date and the distribution list.');
    await row.getByTestId('evidence-row-cadence').selectOption('91');
    await page.getByTestId('control-submit').click();

    // Created: the console opens the new control, which nobody has provided evidence for yet.
    await page.waitForURL((url) => url.pathname === `/controls/${controlId}`);
    await page.getByTestId('control-detail-page').waitFor();
    expect(await statusOf(page.getByTestId('control-status'))).toBe('not_monitored');
    expect(await page.getByTestId('evidence-requirement-quarterly-customer-security-newsletter').getAttribute('data-state')).toBe('missing');

    await page.getByTestId('nav-frameworks').click();
    await page.getByTestId('framework-open-soc2-tsc-2017').click();
    await page.getByTestId('framework-detail-page').waitFor();
    const requirement = page.getByTestId('requirement-row-CC2.3');
    await requirement.getByTestId('requirement-map-control').click();
    const form = page.getByTestId('map-control-form');
    await form.getByTestId('map-control-search').fill('customer-security-updates');
    await form.getByTestId(`map-control-option-${controlId}`).click();
    await form.getByTestId('map-control-submit').click();

    // Listed under the requirement as the workspace's own mapping, removable, and not monitored.
    const mapped = page.getByTestId(`requirement-control-${controlId}`);
    await mapped.waitFor();
    expect(await mapped.getAttribute('data-custom')).toBe('true');
    await expect.poll(async () => statusOf(mapped)).toBe('not_monitored');
    expect(await mapped.getByTestId('requirement-control-remove').count()).toBe(1);
    // Catalog mappings have no remove button.
    expect(await page.getByTestId('requirement-control-ctl-privacy-policy').getAttribute('data-custom')).toBe('false');
    expect(await page.getByTestId('requirement-control-ctl-privacy-policy').getByTestId('requirement-control-remove').count()).toBe(0);
    await page.screenshot({ path: join(shotsDir, 'program-control-mapped.png'), fullPage: true });

    await mapped.getByRole('link').click();
    await page.getByTestId('control-detail-page').waitFor();
    expect(await statusOf(page.getByTestId('control-status'))).toBe('not_monitored');
    expect(await page.getByTestId('control-frameworks').textContent()).toContain('CC2.3');
  });
});

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../apps/server/test/support/test-server';
import { startDemoConsole, type DemoConsole } from './support/demo-console';

const SESSION_COOKIE = 'astrolabe_session';

/** A calendar day `days` from today in local time, as a date input takes it. */
function dayFromNow(days: number): string {
  const t = new Date(Date.now() + days * 86_400_000);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

// Sign-in as people use it: a visitor lands on /login, a wrong password gets the server's one
// generic answer, a demo persona signs in; the owner invites an auditor for an engagement (the
// link, shown once, is opened in another browser), creates an API token that works with curl
// until it is revoked, tries to set up SSO with an issuer that does not answer (refused under the
// field, nothing saved), and signs out, after which the old cookie is worth nothing.
describe('sign-in journey in headless Chromium', () => {
  let demo: DemoConsole;
  let server: TestServer;
  let page: Page;
  let shotsDir: string;

  beforeAll(async () => {
    demo = await startDemoConsole({ iamLatencyMs: 10, viewport: { width: 1280, height: 860 }, signInAs: null });
    ({ server, page, shotsDir } = demo);
  });

  afterAll(async () => {
    await demo?.stop();
  });

  it('sends a visitor to /login, refuses a wrong password with the generic message, and signs a demo persona in to the dashboard', async () => {
    await page.goto(server.url);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('login-form').waitFor();

    // Enter submits; the refusal is the server's, word for word, and does not say which part was wrong.
    await page.getByTestId('login-email').fill('jordan@acme.example');
    await page.getByTestId('login-password').fill('certainly not the password');
    await page.getByTestId('login-password').press('Enter');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.getAttribute('data-status')).toBe('401');
    expect(await error.textContent()).toMatch(/^Email or password is incorrect/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: join(shotsDir, 'sign-in-wrong-password.png'), fullPage: true });

    // The demo lists its personas with their roles.
    const personas = page.getByTestId('demo-persona');
    expect(await personas.count()).toBe(demo.personas.length);
    const jordan = personas.filter({ hasText: 'Jordan Reyes' });
    expect(await jordan.getAttribute('data-role')).toBe('owner');
    await jordan.click();

    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('overview-page').waitFor();
    expect(await page.getByTestId('acting-as').getAttribute('data-role')).toBe('owner');
    expect(await page.getByTestId('user-name').textContent()).toBe('Jordan Reyes');
    expect(await page.getByTestId('user-role').textContent()).toBe('Owner');
  });

  it('the owner invites an auditor with an access window; the one-time link creates the account in another browser, read-only', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-access').waitFor();
    await page.getByTestId('invite-email').fill('casey@audit.example');
    await page.getByTestId('invite-role').selectOption('auditor');
    // An auditor's engagement must end: without an end date the server refuses, under the field.
    await page.getByTestId('invite-ends').fill('');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invite-ends-error').waitFor();

    await page.getByTestId('invite-starts').fill(dayFromNow(0));
    await page.getByTestId('invite-ends').fill(dayFromNow(21));
    await page.getByTestId('invite-submit').click();
    const created = page.getByTestId('invitation-created');
    await created.waitFor();
    expect(await created.textContent()).toMatch(/shown only now/);
    const link = await page.getByTestId('invitation-link').inputValue();
    expect(link).toMatch(/\/accept-invitation#token=[\w-]{20,}$/);
    const invitation = page.locator('[data-testid^="invitation-row-"][data-email="casey@audit.example"]');
    expect(await invitation.getAttribute('data-state')).toBe('open');
    await page.screenshot({ path: join(shotsDir, 'sign-in-invitation-created.png'), fullPage: true });

    // Another browser, nobody signed in: the link says where, as whom and as what.
    const guest = await demo.browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const invitee = await guest.newPage();
      invitee.setDefaultTimeout(20_000);
      await invitee.goto(link);
      const preview = invitee.getByTestId('invitation-preview');
      await preview.waitFor();
      expect(await preview.getAttribute('data-role')).toBe('auditor');
      expect(await preview.getAttribute('data-email')).toBe('casey@audit.example');
      expect(await preview.getAttribute('data-workspace')).toBe('Acme Cloud (demo)');

      // Too short a password is caught before it is sent.
      await invitee.getByTestId('accept-name').fill('Casey Morgan');
      await invitee.getByTestId('accept-password').fill('too short');
      await invitee.getByTestId('accept-password-repeat').fill('too short');
      await invitee.getByTestId('accept-submit').click();
      await invitee.getByTestId('accept-password-error').waitFor();
      await invitee.screenshot({ path: join(shotsDir, 'sign-in-accept-invitation.png'), fullPage: true });

      await invitee.getByTestId('accept-password').fill('quartz lantern harbor 42');
      await invitee.getByTestId('accept-password-repeat').fill('quartz lantern harbor 42');
      await invitee.getByTestId('accept-submit').click();

      // Signed in as the auditor, on the dashboard of the workspace joined.
      await invitee.getByTestId('overview-page').waitFor();
      expect(await invitee.getByTestId('acting-as').getAttribute('data-role')).toBe('auditor');
      expect(await invitee.getByTestId('user-name').textContent()).toBe('Casey Morgan');
      expect(await invitee.getByTestId('workspace-name').textContent()).toBe('Acme Cloud (demo)');

      // Read-only: no write action anywhere they look; the audit log is theirs to read.
      await invitee.getByTestId('nav-audit-log').waitFor();
      await invitee.getByTestId('nav-controls').click();
      await invitee.getByTestId('controls-table').waitFor();
      expect(await invitee.getByTestId('new-control').count()).toBe(0);
      await invitee.goto(`${server.url}/controls/ctl-incident-response-plan`);
      await invitee.getByTestId('control-detail-page').waitFor();
      await invitee.getByTestId('evidence-upload-forbidden').waitFor();
      expect(await invitee.getByTestId('evidence-upload-form').count()).toBe(0);
      expect(await invitee.getByTestId('request-exception').count()).toBe(0);
      expect(await invitee.getByTestId('owner-picker').isDisabled()).toBe(true);
      await invitee.getByTestId('nav-connections').click();
      await invitee.getByTestId('connections-table').waitFor();
      expect(await invitee.getByTestId('add-connection').count()).toBe(0);
      await invitee.locator('[data-testid^="connection-row-"]').first().click();
      await invitee.getByTestId('connection-detail-page').waitFor();
      expect(await invitee.getByTestId('run-now').count()).toBe(0);
      await invitee.getByTestId('nav-settings').click();
      await invitee.getByTestId('settings-members-note').waitFor();
      expect(await invitee.getByTestId('invite-form').count()).toBe(0);
      expect(await invitee.getByTestId('token-form').count()).toBe(0);
      expect(await invitee.getByTestId('settings-sso').count()).toBe(0);
      expect(await invitee.getByTestId('member-role').count()).toBe(0);

      // "Sign out everywhere" ends the auditor's sessions.
      await invitee.getByTestId('user-menu').click();
      await invitee.getByTestId('user-access-window').waitFor();
      await invitee.getByTestId('sign-out-everywhere').click();
      await invitee.waitForURL((url) => url.pathname === '/login');
    } finally {
      await guest.close();
    }

    // The owner sees the invitation used and the auditor as a member with an account and an end date.
    await page.reload();
    await page.getByTestId('invitations-table').waitFor();
    expect(await invitation.getAttribute('data-state')).toBe('accepted');
    const casey = page.locator('[data-testid^="member-row-"]', { hasText: 'Casey Morgan' });
    expect(await casey.getAttribute('data-role')).toBe('auditor');
    expect(await casey.getAttribute('data-account')).toBe('true');
    expect(await casey.getByTestId('member-window').getAttribute('data-ends')).not.toBe('');
  });

  it('the owner creates an API token that works as a Bearer token until it is revoked', async () => {
    await page.goto(`${server.url}/settings/access`);
    await page.getByTestId('token-form').waitFor();
    await page.getByTestId('token-name').fill('CI nightly export');
    await page.getByTestId('token-role').selectOption('viewer');
    await page.getByTestId('token-submit').click();
    await page.getByTestId('token-created').waitFor();
    const token = await page.getByTestId('token-value').inputValue();
    expect(token).toMatch(/^astro_[\w-]{20,}$/);
    await page.screenshot({ path: join(shotsDir, 'sign-in-token-created.png'), fullPage: true });

    // What a CI job does with it: no cookie, only the header.
    const overview = `${server.url}/api/v1/workspaces/${demo.workspaceId}/overview`;
    const before = await fetch(overview, { headers: { authorization: `Bearer ${token}` } });
    expect(before.status).toBe(200);

    // Once dismissed, the value is gone from the page for good.
    await page.getByTestId('token-created-dismiss').click();
    expect(await page.content()).not.toContain(token);
    await page.reload();
    const row = page.locator('[data-testid^="token-row-"][data-name="CI nightly export"]');
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('active');
    expect(await row.getByTestId('token-last-used').textContent()).not.toBe('Never used');

    await row.getByTestId('token-revoke').click();
    await row.getByTestId('token-revoke-confirm').click();
    await expect.poll(async () => row.getAttribute('data-state')).toBe('revoked');
    const after = await fetch(overview, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  it('the owner sets up single sign-on: an issuer that does not answer OpenID discovery is refused under its field', async () => {
    await page.goto(`${server.url}/settings/access`);
    const sso = page.getByTestId('settings-sso');
    await sso.getByTestId('sso-form').waitFor();
    expect(await sso.getAttribute('data-configured')).toBe('false');
    await sso.getByTestId('sso-issuer').fill('http://127.0.0.1:9/x');
    await sso.getByTestId('sso-client-id').fill('astrolabe-console');
    await sso.getByTestId('sso-client-secret').fill('not a real client secret');
    await sso.getByTestId('sso-domains').fill('Acme-SSO.example, acme-sso.example');
    await sso.getByTestId('sso-default-role').selectOption('engineer');

    // Enter submits; the server checks the issuer now, not at the first sign-in, and says why under the field.
    await sso.getByTestId('sso-domains').press('Enter');
    const error = sso.getByTestId('sso-issuer-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/discovery failed at http:\/\/127\.0\.0\.1:9\/x\/\.well-known\/openid-configuration/);
    expect(await sso.getByTestId('sso-client-secret-error').count()).toBe(0);
    expect(await sso.getByTestId('problem').count()).toBe(0);
    await page.screenshot({ path: join(shotsDir, 'sign-in-sso-issuer-refused.png'), fullPage: true });
    expect((await demo.api('GET', `/api/v1/workspaces/${demo.workspaceId}/sso`)).text).toBe('null');
  });

  it('signs out to /login; the old cookie no longer works; a deep link returns there after signing in again', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toBeTruthy();
    const withOldCookie = { cookie: `${SESSION_COOKIE}=${cookie!.value}` };
    expect((await fetch(`${server.url}/api/v1/auth/session`, { headers: withOldCookie })).status).toBe(200);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-panel').waitFor();
    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBeNull();

    expect((await fetch(`${server.url}/api/v1/auth/session`, { headers: withOldCookie })).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/workspaces/${demo.workspaceId}/overview`, { headers: withOldCookie })).status).toBe(401);

    await page.goto(`${server.url}/controls?status=failing`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/controls?status=failing');
    await page.getByTestId('demo-persona').filter({ hasText: 'Priya Raman' }).click();
    await page.waitForURL((url) => url.pathname === '/controls');
    expect(new URL(page.url()).searchParams.get('status')).toBe('failing');
    await page.getByTestId('controls-page').waitFor();
    expect(await page.getByTestId('acting-as').getAttribute('data-role')).toBe('compliance_lead');
  });
});

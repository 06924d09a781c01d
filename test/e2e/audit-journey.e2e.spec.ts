import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../apps/server/test/support/test-server';
import { actAs, startDemoConsole, type DemoConsole } from './support/demo-console';

// An engineer's refused role change shows up in the audit log; a lead filters to refusals,
// verifies the chain, exports it, and sees the verification fail once a row is forged in the database.
describe('audit log journey in headless Chromium', () => {
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

  it('records a refused change, filters to it, verifies and exports the chain, and catches a forged row', async () => {
    await page.goto(server.url);
    await page.getByTestId('overview-page').waitFor();
    const engineerId = await actAs(page, 'Marco Diaz');

    // An engineer may not change roles: the console shows roles as text to him…
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('members-table').waitFor();
    const alex = page.locator('[data-testid^="member-row-"]', { hasText: 'Alex Chen' });
    expect(await alex.getByTestId('member-role').count()).toBe(0);
    expect(await alex.getByTestId('member-role-text').textContent()).toBe('Auditor');
    await page.getByTestId('settings-members-note').waitFor();

    // …and the server refuses when he tries anyway, with his own session (cookie and CSRF token).
    const alexId = demo.personas.find((p) => p.displayName === 'Alex Chen')!.id;
    const refusal = await page.evaluate(
      async ({ ws, memberId }) => {
        const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
        const res = await fetch(`/api/v1/workspaces/${ws}/members/${memberId}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ role: 'admin' }),
        });
        return { status: res.status, detail: ((await res.json()) as { detail?: string }).detail ?? '' };
      },
      { ws: demo.workspaceId, memberId: alexId },
    );
    expect(refusal.status).toBe(403);
    expect(refusal.detail).toMatch(/allowed roles: owner, admin/);

    // The refusal is in the audit log, attributed to him.
    await actAs(page, 'Priya Raman');
    await page.getByTestId('nav-audit-log').click();
    await page.getByTestId('audit-log-page').waitFor();
    const refused = page.locator('[data-testid^="audit-row-"][data-action="member.update"]');
    await refused.first().waitFor();
    expect(await refused.first().getAttribute('data-outcome')).toBe('denied');
    expect(await refused.first().textContent()).toContain('Marco Diaz');

    await page.getByTestId('audit-filter-outcome').selectOption('denied');
    await page.getByTestId('audit-filter-actor').selectOption(engineerId);
    await expect.poll(async () => page.getByTestId('audit-table').getAttribute('data-count')).toBe('1');
    expect(new URL(page.url()).searchParams.get('outcome')).toBe('denied');
    const seq = Number((await page.locator('[data-testid^="audit-row-"]').first().getAttribute('data-testid'))!.replace('audit-row-', ''));

    // The export link carries the filters.
    const href = await page.getByTestId('audit-export').getAttribute('href');
    expect(href).toContain('outcome=denied');
    const csv = await (await page.request.get(new URL(href!, server.url).toString())).text();
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',Marco Diaz,member.update,member,');

    await page.getByTestId('audit-verify').click();
    const verdict = page.getByTestId('audit-verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-intact')).toBe('true');
    await page.screenshot({ path: join(shotsDir, 'audit-log-verified.png'), fullPage: true });

    // Someone with database superuser rights turns the refusal into a success behind the trigger's back.
    const db = new Client({ connectionString: server.db.url });
    await db.connect();
    try {
      await db.query('SET session_replication_role = replica');
      await db.query("UPDATE audit_log SET outcome = 'success', status_code = 200 WHERE action = 'member.update' AND seq = $1", [seq]);
    } finally {
      await db.end();
    }
    await page.getByTestId('audit-filter-clear').click();
    await page.getByTestId('audit-verify').click();
    await expect.poll(async () => page.getByTestId('audit-verify-result').getAttribute('data-intact')).toBe('false');
    expect(await verdict.getAttribute('data-first-broken-seq')).toBe(String(seq));
    expect(await verdict.getAttribute('data-reason')).toBe('hash mismatch');
    expect(await page.getByTestId('audit-verify-row').textContent()).toContain('Marco Diaz');
    await page.screenshot({ path: join(shotsDir, 'audit-log-broken.png'), fullPage: true });
  });
});

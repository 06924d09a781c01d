import { describe, expect, it } from 'vitest';
import { TenantContext } from './tenant-context';

const A = '0b7e6a0c-3c1f-4a57-9a4e-5d2f1c0e8a11';
const B = '5f0d2b9e-8c4a-4f1e-b7a3-2e9c6d1f0a22';

/** Runs `fn` the way Express runs a handler behind TenantContext.middleware. */
const inRequest = <T>(tenant: TenantContext, fn: () => Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => tenant.middleware(undefined, undefined, () => void fn().then(resolve, reject)));

describe('TenantContext', () => {
  it('has no workspace outside any request or job', () => {
    expect(new TenantContext().workspaceId()).toBeNull();
  });

  it('a request starts empty, and what it enters lasts for the rest of that request only', async () => {
    const tenant = new TenantContext();
    const seen = await Promise.all([
      inRequest(tenant, async () => {
        const before = tenant.workspaceId();
        tenant.enter(A);
        await new Promise((r) => setTimeout(r, 5));
        return [before, tenant.workspaceId()];
      }),
      inRequest(tenant, async () => {
        await new Promise((r) => setTimeout(r, 1));
        return [tenant.workspaceId()];
      }),
    ]);
    expect(seen).toEqual([[null, A], [null]]);
  });

  it('refuses a second workspace in one request, and entering outside a request', async () => {
    const tenant = new TenantContext();
    await inRequest(tenant, async () => {
      tenant.enter(A);
      tenant.enter(A);
      expect(() => tenant.enter(B)).toThrow(/another workspace/);
    });
    expect(() => tenant.enter(A)).toThrow(/no tenant context/);
  });

  it('run() gives a job its own workspace, nested runs included, and restores the caller', async () => {
    const tenant = new TenantContext();
    await inRequest(tenant, async () => {
      tenant.enter(A);
      expect(await tenant.run(B, async () => tenant.workspaceId())).toBe(B);
      expect(tenant.workspaceId()).toBe(A);
    });
  });

  it('accepts only canonical lowercase uuids (the id is inlined into SQL)', async () => {
    const tenant = new TenantContext();
    for (const bad of [A.toUpperCase(), `${A}'; DROP TABLE workspace; --`, 'demo', '']) {
      expect(() => tenant.run(bad, async () => undefined)).toThrow(/not a workspace id/);
    }
  });

  it('remembers for the rest of the request only that the entered workspace was verified', async () => {
    const tenant = new TenantContext();
    await inRequest(tenant, async () => {
      tenant.enter(A);
      expect(tenant.isVerified(A)).toBe(false);
      tenant.markVerified();
      expect(tenant.isVerified(A)).toBe(true);
      expect(tenant.isVerified(B)).toBe(false);
      expect(await tenant.run(A, async () => tenant.isVerified(A))).toBe(false);
    });
    await inRequest(tenant, async () => {
      tenant.enter(A);
      expect(tenant.isVerified(A)).toBe(false);
    });
  });
});

import { ConnectorError, defineConnector, type CollectContext, type ConnectorLogger } from '@astrolabe/core';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { canonicalJson, evidenceHash, sha256Hex } from './canonical-json';
import { runCollection } from './collection-runner';

const USERS = 'fake.users';
const ROLES = 'fake.roles';
const SCOPE = { id: 'fake:org/acme', type: 'fake:org', name: 'acme' };

const configSchema = z.object({ endpoint: z.string().url() });
const secretSchema = z.object({ token: z.string().min(1) });
type Config = z.infer<typeof configSchema>;
type Secret = z.infer<typeof secretSchema>;

const config: Config = { endpoint: 'http://127.0.0.1:1' };
const secret: Secret = { token: 't0ken' };

function fakeConnector(collect: (ctx: CollectContext<Config, Secret>) => Promise<void>) {
  return defineConnector<Config, Secret>({
    id: 'fake',
    title: 'Fake',
    description: 'A connector that only exists in this spec.',
    configSchema,
    secretSchema,
    defaultSchedule: '0 * * * *',
    evidenceKinds: [
      { kind: USERS, title: 'Users', permissions: ['fake:ListUsers'] },
      { kind: ROLES, title: 'Roles', permissions: ['fake:ListRoles'] },
    ],
    credentialHelp: 'Create a token and paste it.',
    collect,
    validate: async () => ({ ok: true, steps: [] }),
  });
}

const run = (collect: (ctx: CollectContext<Config, Secret>) => Promise<void>) => runCollection({ connector: fakeConnector(collect), config, secret });

describe('runCollection', () => {
  it('succeeds with per-kind item counts when every kind is collected', async () => {
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'alice', { name: 'alice', mfa: true });
      ctx.emit(USERS, 'bob', { name: 'bob', mfa: false });
      ctx.emit(ROLES, 'admin', { name: 'admin' });
    });

    expect(result.state).toBe('succeeded');
    expect(result.error).toBeNull();
    expect(result.hint).toBeNull();
    expect(result.outcomes).toEqual({
      [USERS]: { status: 'succeeded', items: 2 },
      [ROLES]: { status: 'succeeded', items: 1 },
    });
    expect(result.items.map((i) => [i.kind, i.resourceId]).sort()).toEqual([
      [ROLES, 'admin'],
      [USERS, 'alice'],
      [USERS, 'bob'],
    ]);
  });

  it('counts a declared kind with nothing emitted as succeeded and empty', async () => {
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'alice', {});
    });
    expect(result.state).toBe('succeeded');
    expect(result.outcomes[ROLES]).toEqual({ status: 'succeeded', items: 0 });
  });

  it('gives every item its canonical JSON and the hash of it', async () => {
    const data = { zeta: 1, alpha: { y: [1, 'x', null], x: true } };
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'alice', data);
    });

    const [item] = result.items;
    expect(item?.canonical).toBe('{"alpha":{"x":true,"y":[1,"x",null]},"zeta":1}');
    expect(item?.canonical).toBe(canonicalJson(data));
    expect(item?.hash).toBe(sha256Hex(item?.canonical ?? ''));
    expect(item?.hash).toBe(evidenceHash(data));
    expect(item?.data).toEqual(data);
  });

  it('stores the JSON form of the data, detached from the emitted object', async () => {
    const data = { at: new Date('2025-03-04T05:06:07.000Z'), gone: undefined, tags: ['a'] };
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'alice', data);
      data.tags.push('mutated later');
    });

    expect(result.items[0]?.data).toEqual({ at: '2025-03-04T05:06:07.000Z', tags: ['a'] });
    expect(result.items[0]?.canonical).toBe('{"at":"2025-03-04T05:06:07.000Z","tags":["a"]}');
  });

  it('keeps the last observation when a resource is emitted twice', async () => {
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'alice', { mfa: false });
      ctx.emit(USERS, 'alice', { mfa: true });
    });

    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ kind: USERS, resourceId: 'alice', data: { mfa: true }, hash: evidenceHash({ mfa: true }) });
    expect(result.outcomes[USERS]).toEqual({ status: 'succeeded', items: 1 });
  });

  it('keeps the same resource id under two kinds as two items', async () => {
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'shared', { a: 1 });
      ctx.emit(ROLES, 'shared', { b: 2 });
    });
    expect(result.items.map((i) => i.kind).sort()).toEqual([ROLES, USERS]);
  });

  it('is partial when one kind fails: its items are dropped and its error kept', async () => {
    const denied = { code: 'AccessDenied', message: 'not authorized to list roles', missingPermission: 'fake:ListRoles' };
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'alice', { name: 'alice' });
      ctx.emit(ROLES, 'admin', { name: 'admin' });
      ctx.fail(ROLES, denied);
    });

    expect(result.state).toBe('partial');
    expect(result.error).toEqual(denied);
    expect(result.hint).toBeNull();
    expect(result.outcomes).toEqual({
      [USERS]: { status: 'succeeded', items: 1 },
      [ROLES]: { status: 'failed', items: 0, error: denied },
    });
    expect(result.items.map((i) => i.kind)).toEqual([USERS]);
  });

  it('fails when every kind fails', async () => {
    const throttled = { code: 'Throttling', message: 'rate exceeded' };
    const result = await run(async (ctx) => {
      ctx.fail(USERS, throttled);
      ctx.fail(ROLES, throttled);
    });

    expect(result.state).toBe('failed');
    expect(result.error).toEqual(throttled);
    expect(result.items).toEqual([]);
    expect(Object.values(result.outcomes).map((o) => o.status)).toEqual(['failed', 'failed']);
  });

  it('fails every kind with code, message and hint when collect throws a ConnectorError', async () => {
    const result = await run(async (ctx) => {
      ctx.identify(SCOPE);
      ctx.emit(USERS, 'alice', { name: 'alice' });
      throw new ConnectorError('invalid_credentials', 'the token was rejected', 'Create a new token with read scope.');
    });

    const error = { code: 'invalid_credentials', message: 'the token was rejected' };
    expect(result).toEqual({
      state: 'failed',
      scope: SCOPE,
      items: [],
      outcomes: {
        [USERS]: { status: 'failed', items: 0, error },
        [ROLES]: { status: 'failed', items: 0, error },
      },
      error,
      hint: 'Create a new token with read scope.',
      usage: null,
    });
  });

  it('keeps the last usage report, also when collection fails, and gives the connector a response cache', async () => {
    const result = await run(async (ctx) => {
      await ctx.cache.set('GET /x', { etag: '"a"', value: { data: 1 } });
      expect(await ctx.cache.get('GET /x')).toEqual({ etag: '"a"', value: { data: 1 } });
      ctx.usage({ restRequests: 1 });
      ctx.usage({ restRequests: 2, restNotModified: 1 });
      throw new ConnectorError('unreachable', 'connection refused');
    });
    expect(result.usage).toEqual({ restRequests: 2, restNotModified: 1 });
  });

  it('gives a null hint for a ConnectorError without one', async () => {
    const result = await run(async () => {
      throw new ConnectorError('unreachable', 'connection refused');
    });
    expect(result.state).toBe('failed');
    expect(result.hint).toBeNull();
  });

  it('fails with code collection_error when collect throws a plain Error', async () => {
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'alice', {});
      await Promise.resolve();
      throw new TypeError('Cannot read properties of undefined');
    });

    const error = { code: 'collection_error', message: 'Cannot read properties of undefined' };
    expect(result.state).toBe('failed');
    expect(result.error).toEqual(error);
    expect(result.hint).toBeNull();
    expect(result.items).toEqual([]);
    expect(result.outcomes[USERS]).toEqual({ status: 'failed', items: 0, error });
    expect(result.outcomes[ROLES]).toEqual({ status: 'failed', items: 0, error });
  });

  it('fails with the thrown value as message when collect throws a non-Error', async () => {
    const result = await run(async () => {
      throw 'socket hang up';
    });
    expect(result.error).toEqual({ code: 'collection_error', message: 'socket hang up' });
  });

  it('fails the run, without rejecting, when an undeclared kind is emitted', async () => {
    const promise = run(async (ctx) => {
      ctx.emit(USERS, 'alice', {});
      ctx.emit('fake.groups', 'devs', {});
    });

    await expect(promise).resolves.toMatchObject({ state: 'failed', items: [] });
    const result = await promise;
    expect(result.error?.code).toBe('collection_error');
    expect(result.error?.message).toContain('fake.groups');
    expect(result.outcomes[USERS]?.status).toBe('failed');
  });

  it('fails the run when an undeclared kind is marked failed', async () => {
    const result = await run(async (ctx) => {
      ctx.fail('fake.groups', { code: 'AccessDenied', message: 'denied' });
    });
    expect(result.state).toBe('failed');
    expect(result.error?.message).toContain('fake.groups');
  });

  it('fails the run when emitted data has no JSON representation', async () => {
    const result = await run(async (ctx) => {
      ctx.emit(USERS, 'alice', undefined);
    });
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('collection_error');
  });

  it('reports the scope named by identify', async () => {
    const result = await run(async (ctx) => {
      ctx.identify(SCOPE);
      ctx.emit(USERS, 'alice', {});
    });
    expect(result.scope).toEqual(SCOPE);
  });

  it('reports a null scope when the connector never identifies', async () => {
    const result = await run(async () => undefined);
    expect(result.scope).toBeNull();
  });

  it('forwards progress to onProgress in order', async () => {
    const onProgress = vi.fn<(done: number, total: number, message?: string) => void>();
    await runCollection({
      connector: fakeConnector(async (ctx) => {
        ctx.progress(0, 2, 'listing users');
        ctx.progress(1, 2);
        ctx.progress(2, 2, 'done');
      }),
      config,
      secret,
      onProgress,
    });
    expect(onProgress.mock.calls).toEqual([
      [0, 2, 'listing users'],
      [1, 2, undefined],
      [2, 2, 'done'],
    ]);
  });

  it('tolerates progress without an onProgress listener', async () => {
    const result = await run(async (ctx) => {
      ctx.progress(1, 1);
    });
    expect(result.state).toBe('succeeded');
  });

  it('hands the connector its config, secret, signal, clock and logger', async () => {
    const controller = new AbortController();
    const now = new Date('2025-06-01T00:00:00Z');
    const logger: ConnectorLogger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn() };
    const seen: unknown[] = [];

    await runCollection({
      connector: fakeConnector(async (ctx) => {
        seen.push(ctx.config, ctx.secret, ctx.signal, ctx.now());
        ctx.logger.info('hello', { n: 1 });
      }),
      config,
      secret,
      signal: controller.signal,
      now: () => now,
      logger,
    });

    expect(seen).toEqual([config, secret, controller.signal, now]);
    expect(seen[2]).toBe(controller.signal);
    expect(logger.info).toHaveBeenCalledWith('hello', { n: 1 });
  });

  it('gives the connector a live signal and a working clock by default', async () => {
    let aborted: boolean | undefined;
    let clock: Date | undefined;
    await run(async (ctx) => {
      aborted = ctx.signal.aborted;
      clock = ctx.now();
      ctx.logger.debug('silently ignored');
    });
    expect(aborted).toBe(false);
    expect(clock).toBeInstanceOf(Date);
  });
});

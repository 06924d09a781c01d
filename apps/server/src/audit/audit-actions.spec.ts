import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTIONS } from '@astrolabe/api-contract';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { describe, expect, it } from 'vitest';
import { ROUTE_AUDIT, routeAudit } from './audit-actions';

const SRC = join(__dirname, '..');
const READS = new Set<number>([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? controllerFiles(join(dir, e.name)) : e.name.endsWith('.controller.ts') ? [join(dir, e.name)] : []));
}

/** `Controller.handler` of every mutating route the server declares. */
async function mutatingHandlers(): Promise<string[]> {
  const out: string[] = [];
  for (const file of controllerFiles(SRC)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (typeof value !== 'function' || Reflect.getMetadata(PATH_METADATA, value) === undefined) continue;
      const proto = (value as { prototype: Record<string, unknown> }).prototype;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
        if (typeof method === 'number' && !READS.has(method)) out.push(`${value.name}.${name}`);
      }
    }
  }
  return out.sort();
}

describe('audit actions', () => {
  it('names every mutating route with a readable action from the contract', async () => {
    const handlers = await mutatingHandlers();
    expect(handlers.length).toBeGreaterThan(15);
    expect(handlers.filter((h) => !ROUTE_AUDIT[h])).toEqual([]);
    const actions: readonly string[] = AUDIT_ACTIONS;
    for (const h of handlers) expect(actions, h).toContain(ROUTE_AUDIT[h]!.action);
  });

  it('has no entry for a handler that does not exist', async () => {
    const handlers = new Set(await mutatingHandlers());
    expect(Object.keys(ROUTE_AUDIT).filter((k) => !handlers.has(k))).toEqual([]);
  });

  it('still records an unmapped handler under a filterable generic action', () => {
    expect(routeAudit('WidgetsController', 'rotateKey')).toMatchObject({ action: 'http.widgets.rotatekey', targetType: 'widgets' });
  });
});

import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache';

describe('ReadCache', () => {
  it('builds once per key within the age limit and shares a build in flight', async () => {
    let now = 0;
    const cache = new ReadCache(1000, () => now);
    let builds = 0;
    const build = async () => `v${++builds}`;
    const [a, b] = await Promise.all([cache.get('w', 'k1', build), cache.get('w', 'k1', build)]);
    expect([a, b, builds]).toEqual(['v1', 'v1', 1]);
    now = 999;
    expect(await cache.get('w', 'k1', build)).toBe('v1');
    now = 1000;
    expect(await cache.get('w', 'k1', build)).toBe('v2');
    expect(await cache.get('w', 'k2', build)).toBe('v3');
    expect(await cache.get('other', 'k2', build)).toBe('v4');
  });

  it('does not keep a failed build', async () => {
    const cache = new ReadCache(1000, () => 0);
    await expect(cache.get('w', 'k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('w', 'k', async () => 'ok')).toBe('ok');
  });
});

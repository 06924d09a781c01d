/** FNV-1a: ids derived from names stay the same from run to run, so ETags and cursors do too. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Hands out numeric ids derived from a name, in GitHub's range of plausible database ids; a
 * collision (rare, but 5000 repositories make it possible) moves on to the next free number.
 */
export class StableIds {
  private readonly used = new Set<number>();

  constructor(private readonly base: number) {}

  take(name: string, fixed?: number): number {
    let id = fixed ?? this.base + (fnv1a(name) % 90_000_000);
    while (this.used.has(id)) id++;
    this.used.add(id);
    return id;
  }
}

/** Legacy global node id (`MDEwOlJlcG9zaXRvcnkxMjk2MjY5` = base64 of `010:Repository1296269`). */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

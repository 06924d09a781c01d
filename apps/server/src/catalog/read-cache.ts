interface Entry {
  key: string;
  builtAt: number;
  value: Promise<string>;
}

/**
 * A tiny per-workspace cache of serialized read models (the overview), keyed by what they depend
 * on and bounded in age. One build at a time per workspace and key: under a burst of requests,
 * everyone awaits the same build instead of repeating it.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly nowMs: () => number,
  ) {}

  get(workspaceId: string, key: string, build: () => Promise<string>): Promise<string> {
    const hit = this.entries.get(workspaceId);
    if (hit && hit.key === key && this.nowMs() - hit.builtAt < this.maxAgeMs) return hit.value;
    const value = build();
    const entry = { key, builtAt: this.nowMs(), value };
    this.entries.set(workspaceId, entry);
    // A failed build is not cached: the next request tries again.
    value.catch(() => {
      if (this.entries.get(workspaceId) === entry) this.entries.delete(workspaceId);
    });
    return value;
  }
}

/**
 * Counts state-changing requests this process has handled. Read caches put it in their keys, so
 * a write through this process is visible to the next read at once; writes through other
 * processes are seen when the cache entry expires (or when the stored scores change).
 */
export class WriteRevision {
  private n = 0;

  get value(): number {
    return this.n;
  }

  bump(): void {
    this.n += 1;
  }
}

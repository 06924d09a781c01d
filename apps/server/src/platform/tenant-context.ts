import { AsyncLocalStorage } from 'node:async_hooks';

/** What one request or job is allowed to see: the workspace it entered, or none yet. */
interface TenantStore {
  workspaceId: string | null;
  /** The entered workspace is known to exist (read, or proven by a member row of it): resolving it again costs nothing. */
  verified: boolean;
}

/** Canonical lowercase uuid: the id is inlined into SQL (see TenantDataSource), so nothing else gets through. */
const WORKSPACE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checked(workspaceId: string): string {
  if (!WORKSPACE_ID.test(workspaceId)) throw new Error(`not a workspace id: ${JSON.stringify(workspaceId.slice(0, 40))}`);
  return workspaceId;
}

/**
 * The workspace the current request or background job works in, carried by AsyncLocalStorage so
 * that repositories need not pass it to the database themselves: TenantDataSource reads it for
 * every query and sets `astrolabe.workspace_id` for that transaction, which the row-level
 * security policies compare each row's workspace_id with. Without a workspace, every workspace
 * table looks empty.
 *
 * An HTTP request starts with an empty store (`middleware`) and enters its workspace once the
 * `:ws` parameter is resolved (`enter`); from then on the guard, the handler and the audit
 * interceptor of that request all see it. Jobs and start-up sweeps use `run`, one workspace at a time.
 */
export class TenantContext {
  private readonly storage = new AsyncLocalStorage<TenantStore>();

  /** Express middleware: a fresh store per request, so nothing carries over from another request. */
  readonly middleware = (_req: unknown, _res: unknown, next: () => void): void => {
    this.storage.run({ workspaceId: null, verified: false }, next);
  };

  /** The workspace of the current request or job, or null. */
  workspaceId(): string | null {
    return this.storage.getStore()?.workspaceId ?? null;
  }

  /**
   * Makes `workspaceId` the workspace of the rest of the current request. A request works in one
   * workspace: entering a second one is a bug, and fails rather than mixing tenants.
   */
  enter(workspaceId: string): void {
    const store = this.storage.getStore();
    if (!store) throw new Error('no tenant context: enter() is for requests (TenantContext.middleware); jobs use run()');
    const id = checked(workspaceId);
    if (store.workspaceId !== null && store.workspaceId !== id) throw new Error('this request already works in another workspace');
    store.workspaceId = id;
  }

  /** Whether the current request's workspace is `workspaceId` and known to exist. */
  isVerified(workspaceId: string): boolean {
    const store = this.storage.getStore();
    return store?.workspaceId === workspaceId && store.verified;
  }

  /** Records that the entered workspace exists, so later resolutions in the request skip the read. */
  markVerified(): void {
    const store = this.storage.getStore();
    if (store?.workspaceId) store.verified = true;
  }

  /** Runs `fn` (a job, one workspace of a sweep) in `workspaceId`, whatever the caller's context. */
  run<T>(workspaceId: string, fn: () => Promise<T>): Promise<T> {
    return this.storage.run({ workspaceId: checked(workspaceId), verified: false }, fn);
  }
}

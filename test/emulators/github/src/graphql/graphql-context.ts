import type { Principal } from '../model/access';
import type { GithubModel } from '../model/github-model';
import type { RateLimitSnapshot } from '../rate-limiter';
import type { ApiUrls } from '../rest/api-urls';

export interface GraphqlContext {
  readonly model: GithubModel;
  readonly principal: Principal;
  readonly urls: ApiUrls;
  /** What this query cost and the quota after paying for it (the `rateLimit` field). */
  readonly rateLimit: { readonly cost: number; readonly nodeCount: number; readonly snapshot: RateLimitSnapshot };
}

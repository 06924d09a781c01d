import { describe, expect, it } from 'vitest';
import { branchPolicy, environment, repository, requiredReviewers, waitTimer } from '../testing/github-fixtures';
import { environmentGaps, isProductionEnvironment, productionEnvironments } from './environments';

describe('isProductionEnvironment', () => {
  it.each(['production', 'Production', 'prod', 'PROD-EU', 'us-prod', 'github-pages-prod', 'prod-and-preprod'])('recognises %s', (name) => {
    expect(isProductionEnvironment(name)).toBe(true);
  });

  it.each(['staging', 'dev', 'preprod', 'Pre-Prod', 'pre_prod', 'nonprod', 'non-prod', 'qa'])('leaves out %s', (name) => {
    expect(isProductionEnvironment(name)).toBe(false);
  });

  it('selects the production environments of a repository, in order', () => {
    const repo = repository('api', { environments: [environment('staging'), environment('prod-us'), environment('production')] });
    expect(productionEnvironments(repo).map((e) => e.name)).toEqual(['prod-us', 'production']);
  });
});

describe('environmentGaps', () => {
  it('lacks nothing with a reviewer and a branch policy (a wait timer is optional)', () => {
    expect(environmentGaps(environment('production', [requiredReviewers(1), branchPolicy(), waitTimer()]))).toEqual({ environment: 'production', missing: [], unstated: [] });
  });

  it('names missing reviewers and missing branch policy', () => {
    expect(environmentGaps(environment('production', [waitTimer()])).missing).toEqual(['has no required reviewers', 'lets any branch deploy (no deployment branch policy)']);
    expect(environmentGaps(environment('production', [requiredReviewers(0), branchPolicy()])).missing).toEqual(['has a required reviewers rule that names no reviewer']);
  });

  it('leaves a reviewer count GitHub did not give unstated, unless another rule names a reviewer', () => {
    expect(environmentGaps(environment('production', [{ type: 'REQUIRED_REVIEWERS' }, branchPolicy()]))).toMatchObject({ missing: [], unstated: ['the number of required reviewers'] });
    expect(environmentGaps(environment('production', [{ type: 'REQUIRED_REVIEWERS' }, requiredReviewers(2), branchPolicy()]))).toMatchObject({ missing: [], unstated: [] });
  });
});

import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import {
  ORG_RESOURCE_ID,
  branchPolicy,
  environment,
  githubContext,
  protectedEnvironment,
  repoId,
  repository,
  requiredReviewers,
  waitTimer,
  withRepositories,
} from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const judge = (repo: ReturnType<typeof repository>) => {
  const findings = check.evaluate(withRepositories([repo]).build(), githubContext());
  expect(findings).toHaveLength(1);
  return findings[0];
};
const withEnvironments = (...environments: ReturnType<typeof environment>[]) => repository('api', { environments });

describe('github.production-environment-protected', () => {
  it('passes a production environment with a required reviewer and a deployment branch policy', () => {
    const builder = withRepositories([withEnvironments(protectedEnvironment('production'), environment('staging'))]);
    const [finding] = check.evaluate(builder.build(), githubContext());
    expect(finding).toMatchObject({ status: 'pass', resource: { id: repoId('api'), type: 'github:repository' }, evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('api'))] });
    expect(finding?.reason).toBe('acme/api\'s production environment "production" requires approval from a reviewer and accepts deployments only from restricted branches.');
  });

  it('fails an environment without required reviewers, naming it', () => {
    const finding = judge(withEnvironments(environment('prod', [branchPolicy(), waitTimer()])));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^Deployments of acme\/api to production are not gated: environment "prod" has no required reviewers\./);
  });

  it('fails an environment that any branch can deploy from', () => {
    const finding = judge(withEnvironments(environment('Production', [requiredReviewers(2)])));
    expect(finding?.reason).toContain('environment "Production" lets any branch deploy (no deployment branch policy)');
  });

  it('fails a required reviewers rule that names nobody', () => {
    const finding = judge(withEnvironments(environment('production', [requiredReviewers(0), branchPolicy()])));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('has a required reviewers rule that names no reviewer');
  });

  it('judges every production environment of the repository and names only the failing ones', () => {
    const finding = judge(withEnvironments(protectedEnvironment('production'), environment('prod-eu', [])));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('environment "prod-eu" has no required reviewers and lets any branch deploy');
    expect(finding?.reason).not.toContain('environment "production"');
  });

  it('is not_applicable without a production environment, listing the environments it has', () => {
    const finding = judge(withEnvironments(environment('staging'), environment('preprod'), environment('non-prod')));
    expect(finding).toMatchObject({ status: 'not_applicable', resource: { id: repoId('api') } });
    expect(finding?.reason).toContain('(its environments: "staging", "preprod" and "non-prod")');
    expect(judge(repository('web'))?.status).toBe('not_applicable');
  });

  it('is not_applicable for an archived repository, even with an unprotected production environment', () => {
    expect(judge(repository('old', { isArchived: true, environments: [environment('production')] }))?.status).toBe('not_applicable');
  });

  it('is not_applicable on the organization when it has no repositories', () => {
    expect(check.evaluate(withRepositories([]).build(), githubContext())).toEqual([
      expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }) }),
    ]);
  });

  it('answers unknown when GitHub did not give the number of required reviewers', () => {
    const finding = judge(withEnvironments(environment('production', [{ type: 'REQUIRED_REVIEWERS' }, branchPolicy()])));
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain('did not report the number of required reviewers of environment "production" in acme/api');
  });

  it('fails rather than answering unknown when another production environment definitely lacks protection', () => {
    const finding = judge(withEnvironments(environment('production', [{ type: 'REQUIRED_REVIEWERS' }, branchPolicy()]), environment('prod-us', [branchPolicy()])));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('environment "prod-us" has no required reviewers');
  });

  describeUnavailableEvidence(check, () => withRepositories([withEnvironments(protectedEnvironment()), repository('lib')]), GITHUB_SETUP);
});

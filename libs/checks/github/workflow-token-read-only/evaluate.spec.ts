import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, actionsPermissions, githubContext, withActionsPermissions } from '../../src/testing/github-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (data: unknown) => check.evaluate(withActionsPermissions(data).build(), githubContext());

describe('github.workflow-token-read-only', () => {
  it('passes with a read-only default that cannot approve pull requests, on the organization', () => {
    const builder = withActionsPermissions(actionsPermissions());
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings).toEqual([
      expect.objectContaining({
        status: 'pass',
        resource: { id: ORG_RESOURCE_ID, type: 'github:organization', name: 'acme' },
        evidence: [builder.hashOf(GITHUB_KINDS.actionsPermissions, ORG_RESOURCE_ID)],
      }),
    ]);
  });

  it('fails a write default token', () => {
    const [finding] = evaluate(actionsPermissions({ defaultWorkflowPermissions: 'write' }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^In acme, workflows get a GITHUB_TOKEN that can write/);
    expect(finding?.reason).not.toContain('approve pull requests, so');
  });

  it('fails when Actions may approve pull requests, even with a read default', () => {
    const [finding] = evaluate(actionsPermissions({ canApprovePullRequestReviews: true }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^In acme, GitHub Actions may create and approve pull requests/);
  });

  it('names both problems when both apply, and where to fix them', () => {
    const [finding] = evaluate(actionsPermissions({ defaultWorkflowPermissions: 'write', canApprovePullRequestReviews: true }));
    expect(finding?.reason).toMatch(/^In acme, workflows get a GITHUB_TOKEN that can write .*\. GitHub Actions may also create and approve pull requests/);
    expect(finding?.reason).toContain('Settings → Actions → General → Workflow permissions');
  });

  it('is not_applicable when Actions is disabled for every repository', () => {
    const [finding] = evaluate(actionsPermissions({ enabledRepositories: 'none', defaultWorkflowPermissions: 'write' }));
    expect(finding).toMatchObject({ status: 'not_applicable', resource: { id: ORG_RESOURCE_ID } });
  });

  it('answers unknown when the workflow permissions were not given (null) or the observation is missing', () => {
    const [nulled] = evaluate({ ...actionsPermissions(), defaultWorkflowPermissions: null });
    expect(nulled).toMatchObject({ status: 'unknown', resource: { id: ORG_RESOURCE_ID } });
    expect(nulled?.reason).toContain('did not report the default workflow token permissions');
    const [approveUnknown] = evaluate({ ...actionsPermissions(), canApprovePullRequestReviews: null });
    expect(approveUnknown?.status).toBe('unknown');
    const [missing] = check.evaluate(evidenceBuilder().collected(GITHUB_KINDS.actionsPermissions).build(), githubContext());
    expect(missing).toMatchObject({ status: 'unknown', evidence: [] });
  });

  describeUnavailableEvidence(check, () => withActionsPermissions(), GITHUB_SETUP);
});

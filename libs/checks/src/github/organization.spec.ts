import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, actionsPermissions, githubContext, organization, withActionsPermissions, withOrganization } from '../testing/github-fixtures';
import { evidenceBuilder } from '../testing/evidence-builder';
import { pass } from '../shared/verdict';
import { evaluateActionsPermissions, evaluateOrganization } from './organization';

const { scope } = githubContext();

describe('evaluateOrganization', () => {
  it('judges the one organization observation on the organization GitHub returned', () => {
    const builder = withOrganization(organization({ login: 'Acme' }), evidenceBuilder());
    const findings = evaluateOrganization(builder.build(), scope, (org, resource) => pass(`${org.login} ${resource.id}`));
    expect(findings).toEqual([
      { resource: { id: 'github:org/Acme', type: 'github:organization', name: 'Acme' }, status: 'pass', reason: 'Acme github:org/Acme', evidence: [builder.hashOf(GITHUB_KINDS.organization, ORG_RESOURCE_ID)] },
    ]);
  });

  it('answers unknown on the scope without an observation', () => {
    const findings = evaluateOrganization(evidenceBuilder().collected(GITHUB_KINDS.organization).build(), scope, () => pass('x'));
    expect(findings).toEqual([expect.objectContaining({ status: 'unknown', resource: scope, evidence: [] })]);
    expect(findings[0]?.reason).toContain('organization settings');
  });
});

describe('evaluateActionsPermissions', () => {
  it('judges the observation on the organization its resource id names', () => {
    const builder = withActionsPermissions(actionsPermissions());
    const findings = evaluateActionsPermissions(builder.build(), scope, (_p, resource) => pass(resource.name));
    expect(findings).toEqual([expect.objectContaining({ status: 'pass', reason: 'acme', resource: { id: ORG_RESOURCE_ID, type: 'github:organization', name: 'acme' } })]);
  });
});

import { defineCheck } from '@astrolabe/core';
import { GITHUB_ACCESS, notReported } from '../../src/github/access';
import { evaluateOrganization } from '../../src/github/organization';
import { fail, pass } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) =>
  evaluateOrganization(evidence, scope, (org) => {
    if (org.twoFactorRequirementEnabled === null) {
      return notReported(`whether the organization ${org.login} requires two-factor authentication`, GITHUB_ACCESS.organizationSettings);
    }
    if (org.twoFactorRequirementEnabled) {
      return pass(`The organization ${org.login} requires two-factor authentication for its members, billing managers and outside collaborators.`);
    }
    return fail(
      `The organization ${org.login} does not require two-factor authentication, so members and outside collaborators can reach its repositories with a password alone. List who lacks 2FA (People → 2FA: Disabled), ask them to enrol, then turn on Settings → Authentication security → Require two-factor authentication.`,
    );
  }),
);

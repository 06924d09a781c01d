import { defineCheck } from '@astrolabe/core';
import { GITHUB_ACCESS, notReported } from '../../src/github/access';
import { evaluateOrganization } from '../../src/github/organization';
import { fail, pass } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) =>
  evaluateOrganization(evidence, scope, (org) => {
    const permission = org.defaultRepositoryPermission;
    if (permission === null) return notReported(`the base repository permission of the organization ${org.login}`, GITHUB_ACCESS.organizationSettings);
    if (permission === 'read' || permission === 'none') {
      return pass(`The organization ${org.login} gives members "${permission}" as base permission on its repositories; write access comes from teams and collaborators.`);
    }
    return fail(
      `The organization ${org.login} gives every member "${permission}" access to every repository as base permission. Set Settings → Member privileges → Base permissions to Read or No permission, after granting write through teams where it is needed.`,
    );
  }),
);

import { defineCheck, type GithubActionsPermissions } from '@astrolabe/core';
import { evaluateActionsPermissions } from '../../src/github/organization';
import { fail, notApplicable, pass, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => evaluateActionsPermissions(evidence, scope, (permissions, resource) => judge(permissions, resource.name)));

function judge(permissions: GithubActionsPermissions, org: string): Verdict {
  if (permissions.enabledRepositories === 'none') {
    return notApplicable(`GitHub Actions is disabled for every repository of ${org}, so no workflow receives a GITHUB_TOKEN.`);
  }
  if (permissions.defaultWorkflowPermissions === null || permissions.canApprovePullRequestReviews === null) {
    return unknown(`GitHub did not report the default workflow token permissions of ${org} (the Actions workflow-permissions setting); check it under Settings → Actions → General.`);
  }
  const write = permissions.defaultWorkflowPermissions === 'write';
  const approve = permissions.canApprovePullRequestReviews;
  if (!write && !approve) return pass(`Workflows in ${org} get a read-only GITHUB_TOKEN by default and cannot approve pull requests.`);
  const problems = [
    ...(write ? [`In ${org}, workflows get a GITHUB_TOKEN that can write (repository contents, pull requests, packages and more) unless they ask for less.`] : []),
    ...(approve ? [`${write ? 'GitHub Actions may also' : `In ${org}, GitHub Actions may`} create and approve pull requests, so a workflow can approve a change and satisfy required reviews.`] : []),
  ];
  return fail(
    `${problems.join(' ')} In Settings → Actions → General → Workflow permissions choose Read repository contents and packages permissions and clear Allow GitHub Actions to create and approve pull requests; workflows that need more declare it in a permissions: block.`,
  );
}

import { defineCheck, type GithubRepository } from '@astrolabe/core';
import { GITHUB_ACCESS, notReported } from '../../src/github/access';
import { archivedVerdict, evaluateRepositories } from '../../src/github/repositories';
import { fail, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => evaluateRepositories(evidence, scope, judge));

function judge(repo: GithubRepository): Verdict {
  const archived = archivedVerdict(repo);
  if (archived) return archived;
  const name = repo.nameWithOwner;
  if (repo.vulnerabilityAlertsEnabled === null) return notReported(`whether Dependabot alerts are enabled on ${name}`, GITHUB_ACCESS.vulnerabilityAlerts);
  if (repo.vulnerabilityAlertsEnabled) return pass(`Dependabot alerts are enabled on ${name}.`);
  return fail(
    `Dependabot alerts are disabled on ${name}, so nobody is told when one of its dependencies has a known vulnerability. Enable them in Settings → Code security → Dependabot alerts, or apply an organization security configuration that includes them.`,
  );
}

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
  if (repo.secretScanning === null) return notReported(`whether secret scanning is enabled on ${name}`, GITHUB_ACCESS.securityAndAnalysis);
  if (repo.secretScanning === 'enabled') return pass(`Secret scanning is enabled on ${name}.`);
  const licence = repo.visibility === 'PUBLIC' ? '' : ` (on a ${repo.visibility.toLowerCase()} repository it needs GitHub Secret Protection or Advanced Security)`;
  return fail(
    `Secret scanning is disabled on ${name}, so credentials committed to it are not detected. Enable it in Settings → Code security${licence}, or apply an organization security configuration that includes it.`,
  );
}

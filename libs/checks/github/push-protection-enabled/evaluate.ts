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
  if (repo.secretScanningPushProtection === null) {
    return notReported(`whether secret scanning push protection is enabled on ${name}`, GITHUB_ACCESS.securityAndAnalysis);
  }
  if (repo.secretScanningPushProtection === 'enabled') return pass(`Push protection is enabled on ${name}: pushes containing supported secrets are blocked.`);
  const alsoScanning =
    repo.secretScanning === 'disabled'
      ? ' Secret scanning, which push protection builds on, is disabled too: enable both in Settings → Code security.'
      : ' Enable it in Settings → Code security → Push protection.';
  return fail(`Push protection is disabled on ${name}, so a push containing a credential is accepted and the secret lands in the repository's history.${alsoScanning}`);
}

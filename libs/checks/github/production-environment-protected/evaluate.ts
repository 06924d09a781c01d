import { defineCheck, type GithubRepository } from '@astrolabe/core';
import { environmentGaps, productionEnvironments } from '../../src/github/environments';
import { archivedVerdict, evaluateRepositories } from '../../src/github/repositories';
import { fail, listPhrase, notApplicable, pass, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => evaluateRepositories(evidence, scope, judge));

const quoted = (names: string[]) => listPhrase(names.map((n) => `"${n}"`));

function judge(repo: GithubRepository): Verdict {
  const archived = archivedVerdict(repo);
  if (archived) return archived;
  const production = productionEnvironments(repo);
  if (production.length === 0) {
    const others = repo.environments.length > 0 ? ` (its environments: ${quoted(repo.environments.map((e) => e.name))})` : '';
    return notApplicable(`${repo.nameWithOwner} has no production environment${others}, so it has no production deployments to gate.`);
  }

  const gaps = production.map(environmentGaps);
  const failing = gaps.filter((g) => g.missing.length > 0);
  if (failing.length > 0) {
    const problems = failing.map((g) => `environment "${g.environment}" ${listPhrase(g.missing)}`).join('; ');
    return fail(
      `Deployments of ${repo.nameWithOwner} to production are not gated: ${problems}. In Settings → Environments, add at least one required reviewer and restrict deployment branches (protected or selected branches) for each.`,
    );
  }
  const unstated = gaps.filter((g) => g.unstated.length > 0);
  if (unstated.length > 0) {
    const what = listPhrase(unstated.map((g) => `${listPhrase(g.unstated)} of environment "${g.environment}"`));
    return unknown(`GitHub did not report ${what} in ${repo.nameWithOwner}, so whether its production deployments need approval cannot be judged; re-run the collection.`);
  }
  const names = quoted(production.map((e) => e.name));
  const [noun, needs, accepts] = production.length === 1 ? ['environment', 'requires', 'accepts'] : ['environments', 'require', 'accept'];
  return pass(`${repo.nameWithOwner}'s production ${noun} ${names} ${needs} approval from a reviewer and ${accepts} deployments only from restricted branches.`);
}

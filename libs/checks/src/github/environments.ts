import type { GithubEnvironment, GithubRepository } from '@astrolabe/core';

const PROD = /prod/i;
/** "preprod", "pre-prod", "nonprod", "non_prod": names that say the environment is not production. */
const NOT_PROD = /(pre|non)[-_ .]?prod/gi;

/**
 * Production environments are recognised by name (/prod/i: "production", "prod-eu", "Prod"),
 * leaving out names that say they are not production ("preprod", "non-prod").
 */
export function isProductionEnvironment(name: string): boolean {
  return PROD.test(name.replace(NOT_PROD, ''));
}

export function productionEnvironments(repo: GithubRepository): GithubEnvironment[] {
  return repo.environments.filter((env) => isProductionEnvironment(env.name));
}

/** What a production environment lacks for deployments to need approval and come from restricted branches. */
export interface EnvironmentGaps {
  environment: string;
  missing: string[];
  unstated: string[];
}

export function environmentGaps(env: GithubEnvironment): EnvironmentGaps {
  const missing: string[] = [];
  const unstated: string[] = [];
  const reviewers = env.protectionRules.filter((r) => r.type === 'REQUIRED_REVIEWERS');
  if (reviewers.length === 0) missing.push('has no required reviewers');
  else if (!reviewers.some((r) => r.reviewerCount !== undefined && r.reviewerCount >= 1)) {
    if (reviewers.some((r) => r.reviewerCount === undefined)) unstated.push('the number of required reviewers');
    else missing.push('has a required reviewers rule that names no reviewer');
  }
  if (!env.protectionRules.some((r) => r.type === 'BRANCH_POLICY')) missing.push('lets any branch deploy (no deployment branch policy)');
  return { environment: env.name, missing, unstated };
}

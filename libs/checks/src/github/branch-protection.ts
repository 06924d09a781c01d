import type { GithubBranchProtection, GithubRepository, GithubRuleset, GithubRulesetRule } from '@astrolabe/core';
import { listPhrase } from '../shared/verdict';

/** Ruleset rule types the checks read (GraphQL RepositoryRuleType; REST spells them in lower case). */
export const RULE_TYPES = {
  pullRequest: 'PULL_REQUEST',
  nonFastForward: 'NON_FAST_FORWARD',
  deletion: 'DELETION',
} as const;
export type RuleType = (typeof RULE_TYPES)[keyof typeof RULE_TYPES];

export function isRuleOfType(rule: GithubRulesetRule, type: RuleType): boolean {
  return rule.type.toUpperCase() === type;
}

export const isEnforced = (ruleset: GithubRuleset) => ruleset.enforcement === 'ACTIVE';

export function classicLabel(rule: GithubBranchProtection): string {
  return `the classic branch protection rule "${rule.pattern}"`;
}

export function rulesetLabel(ruleset: GithubRuleset): string {
  return `the ${ruleset.source === 'organization' ? 'organization ' : ''}ruleset "${ruleset.name}"`;
}

/**
 * What protects a repository's default branch. The evidence holds the one classic rule that
 * matches the default branch and the rulesets whose conditions include it; GitHub layers them,
 * so the branch is protected when either a classic rule or an enforced (ACTIVE) ruleset with at
 * least one rule applies. Rulesets in EVALUATE mode only report, DISABLED ones do nothing.
 */
export interface ProtectionSources {
  classic: GithubBranchProtection | null;
  /** ACTIVE rulesets with at least one rule. */
  enforced: GithubRuleset[];
  /** Rulesets that target the branch but enforce nothing: EVALUATE, DISABLED, or ACTIVE without rules. */
  notEnforced: GithubRuleset[];
}

export function protectionSources(repo: GithubRepository): ProtectionSources {
  const enforces = (r: GithubRuleset) => isEnforced(r) && r.rules.length > 0;
  return {
    classic: repo.branchProtection,
    enforced: repo.rulesets.filter(enforces),
    notEnforced: repo.rulesets.filter((r) => !enforces(r)),
  };
}

export function isProtected(sources: ProtectionSources): boolean {
  return sources.classic !== null || sources.enforced.length > 0;
}

/** "the classic branch protection rule "main" and the ruleset "protect-main"". */
export function describeSources(sources: ProtectionSources): string {
  return listPhrase([...(sources.classic ? [classicLabel(sources.classic)] : []), ...sources.enforced.map(rulesetLabel)]);
}

/** Rules of one type in the ACTIVE rulesets, with the ruleset each comes from. */
export function enforcedRulesOfType(repo: GithubRepository, type: RuleType): { ruleset: GithubRuleset; rule: GithubRulesetRule }[] {
  return repo.rulesets.filter(isEnforced).flatMap((ruleset) => ruleset.rules.filter((rule) => isRuleOfType(rule, type)).map((rule) => ({ ruleset, rule })));
}

function whyNotEnforced(ruleset: GithubRuleset): string {
  if (ruleset.enforcement === 'EVALUATE') return 'is in evaluate mode, which only reports (set its enforcement to Active)';
  if (ruleset.enforcement === 'DISABLED') return 'is disabled (set its enforcement to Active)';
  return 'is active but has no rules (add the rules it should enforce)';
}

/**
 * A sentence about rulesets that target the default branch but do not enforce anything (only
 * those with a rule of `type` when given), so the engineer sees why they do not count; '' if none.
 */
export function notEnforcedNote(repo: GithubRepository, type?: RuleType): string {
  const idle = repo.rulesets.filter((r) => !isEnforced(r) || r.rules.length === 0).filter((r) => !type || r.rules.some((rule) => isRuleOfType(rule, type)));
  if (idle.length === 0) return '';
  return ` Not counted: ${listPhrase(idle.map((r) => `${rulesetLabel(r)} ${whyNotEnforced(r)}`))}.`;
}

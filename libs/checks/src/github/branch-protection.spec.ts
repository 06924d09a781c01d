import { describe, expect, it } from 'vitest';
import { branchProtection, deletionRule, nonFastForwardRule, pullRequestRule, repository, ruleset } from '../testing/github-fixtures';
import { describeSources, enforcedRulesOfType, isProtected, isRuleOfType, notEnforcedNote, protectionSources, RULE_TYPES } from './branch-protection';

describe('protectionSources', () => {
  it('counts the classic rule and ACTIVE rulesets with rules; sets the others apart', () => {
    const trial = ruleset('trial', { enforcement: 'EVALUATE' });
    const off = ruleset('off', { enforcement: 'DISABLED' });
    const empty = ruleset('empty', { rules: [] });
    const active = ruleset('active');
    const sources = protectionSources(repository('api', { branchProtection: branchProtection(), rulesets: [trial, off, empty, active] }));
    expect(sources.classic?.pattern).toBe('main');
    expect(sources.enforced).toEqual([active]);
    expect(sources.notEnforced).toEqual([trial, off, empty]);
    expect(isProtected(sources)).toBe(true);
    expect(describeSources(sources)).toBe('the classic branch protection rule "main" and the ruleset "active"');
  });

  it('is unprotected with neither a classic rule nor an enforced ruleset', () => {
    expect(isProtected(protectionSources(repository('api')))).toBe(false);
    expect(isProtected(protectionSources(repository('api', { rulesets: [ruleset('trial', { enforcement: 'EVALUATE' })] })))).toBe(false);
  });

  it('is protected by an active ruleset alone, from the organization too', () => {
    const sources = protectionSources(repository('api', { rulesets: [ruleset('org', { source: 'organization' })] }));
    expect(isProtected(sources)).toBe(true);
    expect(describeSources(sources)).toBe('the organization ruleset "org"');
  });
});

describe('rule types', () => {
  it('match GraphQL and REST spellings', () => {
    expect(isRuleOfType({ type: 'NON_FAST_FORWARD' }, RULE_TYPES.nonFastForward)).toBe(true);
    expect(isRuleOfType({ type: 'non_fast_forward' }, RULE_TYPES.nonFastForward)).toBe(true);
    expect(isRuleOfType({ type: 'pull_request' }, RULE_TYPES.nonFastForward)).toBe(false);
  });

  it('finds rules of a type in ACTIVE rulesets only, with their ruleset', () => {
    const active = ruleset('active', { rules: [deletionRule(), nonFastForwardRule()] });
    const repo = repository('api', { rulesets: [active, ruleset('trial', { enforcement: 'EVALUATE', rules: [nonFastForwardRule()] })] });
    expect(enforcedRulesOfType(repo, RULE_TYPES.nonFastForward)).toEqual([{ ruleset: active, rule: nonFastForwardRule() }]);
    expect(enforcedRulesOfType(repo, RULE_TYPES.pullRequest)).toEqual([]);
  });
});

describe('notEnforcedNote', () => {
  it('is empty when every ruleset is enforced', () => {
    expect(notEnforcedNote(repository('api', { rulesets: [ruleset('active')] }))).toBe('');
  });

  it('explains each idle ruleset, optionally only those carrying a rule of a type', () => {
    const repo = repository('api', {
      rulesets: [ruleset('trial', { enforcement: 'EVALUATE', rules: [pullRequestRule()] }), ruleset('off', { enforcement: 'DISABLED', rules: [deletionRule()] })],
    });
    expect(notEnforcedNote(repo)).toBe(
      ' Not counted: the ruleset "trial" is in evaluate mode, which only reports (set its enforcement to Active) and the ruleset "off" is disabled (set its enforcement to Active).',
    );
    expect(notEnforcedNote(repo, RULE_TYPES.pullRequest)).toContain('"trial"');
    expect(notEnforcedNote(repo, RULE_TYPES.pullRequest)).not.toContain('"off"');
  });
});

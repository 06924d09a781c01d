import { describe, expect, it } from 'vitest';
import { classify } from './environment-rules';
import { azureRbacConfigSchema, DEFAULT_ENVIRONMENT_RULES } from './manifest';

const rules = azureRbacConfigSchema.parse({}).environments;

describe('environment rules', () => {
  it('takes an environment tag first (any key case), then a word of the name', () => {
    expect(classify('rg-web', { Environment: 'Prod' }, rules)).toEqual({ environment: 'production', basis: 'tag Environment=Prod' });
    expect(classify('rg-web-prod', { env: 'staging' }, rules)).toEqual({ environment: 'non-production', basis: 'tag env=staging' });
    expect(classify('acme-PRD-01', {}, rules)).toEqual({ environment: 'production', basis: 'name "acme-PRD-01" contains "prd"' });
    expect(classify('sub_dev_tools', { owner: 'x' }, rules)).toEqual({ environment: 'non-production', basis: 'name "sub_dev_tools" contains "dev"' });
  });

  it('identifies nothing from an unknown tag value, a name with words of both kinds, or words inside words', () => {
    expect(classify('rg-web', { environment: 'blue' }, rules).environment).toBeNull();
    expect(classify('prod-to-dev-sync', {}, rules).environment).toBeNull();
    expect(classify('preproduction-ish', {}, rules).environment).toBeNull();
    expect(classify('rg-preprod', {}, rules)).toEqual({ environment: 'non-production', basis: 'name "rg-preprod" contains "preprod"' });
  });

  it('takes custom rules from a console form (comma or newline separated, any case)', () => {
    const custom = azureRbacConfigSchema.parse({ environments: { tagKeys: 'Tier', productionValues: 'Gold,\nSilver', productionNames: 'p' } }).environments;
    expect(custom).toMatchObject({ tagKeys: ['tier'], productionValues: ['gold', 'silver'], nonProductionValues: DEFAULT_ENVIRONMENT_RULES.nonProductionValues });
    expect(classify('x', { TIER: 'silver' }, custom)).toEqual({ environment: 'production', basis: 'tag TIER=silver' });
    expect(classify('web-p-01', {}, custom).environment).toBe('production');
  });

  it('reads subscription ids and management groups from a form field, and rejects what is not an id', () => {
    const config = azureRbacConfigSchema.parse({ subscriptionIds: '6f3c2b1a-9d8e-4f7a-b6c5-1e2d3c4b5a01, 6f3c2b1a-9d8e-4f7a-b6c5-1e2d3c4b5a02', managementGroupIds: '' });
    expect(config.subscriptionIds).toHaveLength(2);
    expect(config.managementGroupIds).toEqual([]);
    expect(azureRbacConfigSchema.safeParse({ subscriptionIds: ['production'] }).success).toBe(false);
    expect(azureRbacConfigSchema.safeParse({ armEndpoint: 'http://management.azure.com' }).success).toBe(false);
  });
});

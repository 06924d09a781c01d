import { connectorPermissions } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { buildRegistry, getRegistry } from './registry';

describe('registry', () => {
  it('builds from the manifests with every check owned by a known connector', () => {
    const registry = getRegistry();
    expect(registry.connector('aws-iam')?.id).toBe('aws-iam');
    expect(registry.checksFor('aws-iam').length).toBeGreaterThanOrEqual(14);
    for (const check of registry.checks) expect(registry.connector(check.metadata.connector)).toBeDefined();
  });

  it('maps every check to at least one control of the catalog', () => {
    const registry = getRegistry();
    const unmapped = registry.checks.filter((c) => registry.controlIdsForCheck(c.metadata.id).length === 0).map((c) => c.metadata.id);
    expect(unmapped).toEqual([]);
  });

  it('declares the exact permissions of the aws-iam connector', () => {
    const perms = connectorPermissions(getRegistry().connector('aws-iam')!);
    expect(perms).toContain('iam:GenerateCredentialReport');
    expect(perms).toContain('iam:GetAccountAuthorizationDetails');
    expect(perms.every((p) => p.startsWith('iam:'))).toBe(true);
  });

  it('rejects a check that reads a kind its connector does not collect', () => {
    const registry = getRegistry();
    const check = registry.checks[0]!;
    const broken = { ...check, metadata: { ...check.metadata, reads: ['aws.iam.nonexistent'] } };
    expect(() => buildRegistry(registry.connectors, [broken], { ...registry.catalog, controls: [] })).toThrow(/does not collect/);
  });

  it('rejects a catalog control that references an unknown check', () => {
    const registry = getRegistry();
    const control = { ...registry.catalog.controls[0]!, checkIds: ['aws-iam.no-such-check'] };
    expect(() => buildRegistry(registry.connectors, registry.checks, { ...registry.catalog, controls: [control] })).toThrow(/unknown check/);
  });
});

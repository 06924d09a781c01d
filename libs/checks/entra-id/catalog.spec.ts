import { ENTRA_KINDS, createEvidenceSet, evaluateChecks, type KindOutcome } from '@astrolabe/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRA_RESOURCE_TYPES } from '../src/entra-id/resources';
import { entraContext } from '../src/testing/entra-id-fixtures';
import { entraIdChecks } from './index';

// Entra-specific rules on top of libs/checks/src/catalog.spec.ts: the azuread remediation, the CIS
// Azure identity section, the identity requirements the issue names, and empty-evidence safety.

const CIS_AZURE = { benchmark: 'CIS Microsoft Azure Foundations Benchmark', version: '4.0.0', id: /^6\.\d+(\.\d+)?$/ };
/** No CIS Azure recommendation covers inactive members; the check still maps to SOC 2 and ISO 27001. */
const WITHOUT_CIS = new Set(['entra.stale-users-90d']);

const folders = readdirSync(__dirname, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(__dirname, e.name, 'check.json')))
  .map((e) => e.name);
const cases = entraIdChecks.map((c) => [c.metadata.id, c] as const);
const hereDocuments = (cli: string): string[] => [...cli.matchAll(/<<'EOF'\n([\s\S]*?)\nEOF/g)].map((m) => m[1] ?? '');

describe('entra-id check catalog', () => {
  it('exports every check folder, with ids equal to entra.<folder>', () => {
    expect(entraIdChecks.map((c) => c.metadata.id).sort()).toEqual(folders.map((f) => `entra.${f}`).sort());
    for (const { metadata } of entraIdChecks) {
      expect(metadata.connector).toBe('entra-id');
      const onDisk = JSON.parse(readFileSync(join(__dirname, metadata.id.slice('entra.'.length), 'check.json'), 'utf8')) as { id: string };
      expect(onDisk.id).toBe(metadata.id);
    }
  });

  it.each(cases)('%s has remediation in az CLI and the azuread Terraform provider, and framework references', (id, { metadata }) => {
    expect(Object.values(ENTRA_RESOURCE_TYPES)).toContain(metadata.resourceType);
    expect(metadata.remediation.console.length).toBeGreaterThan(0);
    expect(metadata.remediation.cli).toMatch(/\baz (ad|rest|role) /);
    expect(metadata.remediation.terraform).toMatch(/(resource|data) "azuread_[a-z_]+"/);
    for (const body of hereDocuments(metadata.remediation.cli)) expect(() => JSON.parse(body), body).not.toThrow();
    if (WITHOUT_CIS.has(id)) expect(metadata.references.cis).toEqual([]);
    else expect(metadata.references.cis.length).toBeGreaterThan(0);
    for (const ref of metadata.references.cis) {
      expect(ref).toMatchObject({ benchmark: CIS_AZURE.benchmark, version: CIS_AZURE.version });
      expect(ref.id).toMatch(CIS_AZURE.id);
    }
    for (const criterion of metadata.references.soc2) expect(criterion).toMatch(/^CC\d\.\d+$/);
    for (const control of metadata.references.iso27001) expect(control).toMatch(/^A\.[5-8]\.\d+$/);
    for (const kind of metadata.reads) expect(Object.values(ENTRA_KINDS)).toContain(kind);
  });

  it('maps each CIS recommendation to one check', () => {
    const refs = entraIdChecks.flatMap((c) => c.metadata.references.cis.map((r) => r.id));
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('covers the SOC 2 and ISO 27001 requirements the issue names for identity (A.8.31 is the azure-rbac side)', () => {
    const soc2 = new Set(entraIdChecks.flatMap((c) => c.metadata.references.soc2));
    const iso = new Set(entraIdChecks.flatMap((c) => c.metadata.references.iso27001));
    for (const c of ['CC6.1', 'CC6.2', 'CC6.3', 'CC8.1']) expect(soc2).toContain(c);
    for (const c of ['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.5']) expect(iso).toContain(c);
  });

  it('never throws on empty evidence: every check says something', () => {
    const outcomes: Record<string, KindOutcome> = Object.fromEntries(Object.values(ENTRA_KINDS).map((kind) => [kind, { status: 'succeeded', items: 0 }]));
    const findings = evaluateChecks(entraIdChecks, createEvidenceSet([], outcomes), entraContext());
    expect(findings.filter((f) => f.reason.startsWith('check could not evaluate'))).toEqual([]);
    expect(new Set(findings.map((f) => f.checkId))).toEqual(new Set(entraIdChecks.map((c) => c.metadata.id)));
  });
});

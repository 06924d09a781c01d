import { AWS_IAM_KINDS, createEvidenceSet, evaluateChecks, type KindOutcome } from '@astrolabe/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { context } from './testing/aws-iam-fixtures';
import { allChecks } from './index';

const CHECKS_ROOT = join(__dirname, '..');
/** Folders of libs/checks that hold shared code, not a connector's checks. */
const NON_CONNECTOR_DIRS = new Set(['src', 'node_modules']);
/** The evidence kinds each connector emits; a check may read only these. */
const CONNECTOR_KINDS: Record<string, readonly string[]> = { 'aws-iam': Object.values(AWS_IAM_KINDS) };

function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/** `<connector>.<folder>` for every folder holding a check.json: what the file tree says exists. */
function checkIdsOnDisk(): string[] {
  return subdirectories(CHECKS_ROOT)
    .filter((connector) => !NON_CONNECTOR_DIRS.has(connector))
    .flatMap((connector) =>
      subdirectories(join(CHECKS_ROOT, connector))
        .filter((folder) => existsSync(join(CHECKS_ROOT, connector, folder, 'check.json')))
        .map((folder) => `${connector}.${folder}`),
    );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('check catalog', () => {
  afterEach(() => vi.useRealTimers());

  it('exports every check folder from allChecks, and nothing else', () => {
    const exported = allChecks.map((c) => c.metadata.id).sort();
    expect(exported).toEqual(checkIdsOnDisk().sort());
  });

  it('has unique ids equal to <connector>.<folder>', () => {
    const ids = allChecks.map((c) => c.metadata.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { metadata } of allChecks) {
      expect(metadata.id.startsWith(`${metadata.connector}.`), metadata.id).toBe(true);
      const folder = metadata.id.slice(metadata.connector.length + 1);
      const onDisk = JSON.parse(readFileSync(join(CHECKS_ROOT, metadata.connector, folder, 'check.json'), 'utf8')) as { id: string };
      expect(onDisk.id).toBe(metadata.id);
    }
  });

  it.each(allChecks.map((c) => [c.metadata.id, c] as const))('%s has remediation and framework references', (_id, { metadata }) => {
    expect(metadata.remediation.console.length).toBeGreaterThan(0);
    expect(metadata.remediation.cli).toMatch(/\baws (iam|sts|cloudtrail) /);
    expect(metadata.remediation.terraform).toMatch(/resource "aws_[a-z_]+"/);
    expect(metadata.references.cis).toEqual([expect.objectContaining({ benchmark: 'CIS Amazon Web Services Foundations Benchmark', version: '5.0.0' })]);
    expect(metadata.references.cis[0]?.id).toMatch(/^1\.\d+$/);
    for (const criterion of metadata.references.soc2) expect(criterion).toMatch(/^CC\d\.\d+$/);
    for (const control of metadata.references.iso27001) expect(control).toMatch(/^A\.[5-8]\.\d+$/);
  });

  it.each(allChecks.map((c) => [c.metadata.id, c] as const))("%s reads only its connector's evidence kinds", (_id, { metadata }) => {
    const kinds = CONNECTOR_KINDS[metadata.connector];
    expect(kinds, `no evidence kinds known for connector ${metadata.connector}`).toBeDefined();
    for (const kind of metadata.reads) expect(kinds).toContain(kind);
  });

  it('maps each CIS recommendation to one check', () => {
    const cisIds = allChecks.flatMap((c) => c.metadata.references.cis.map((r) => r.id));
    expect(new Set(cisIds).size).toBe(cisIds.length);
  });

  it('never throws on empty evidence and answers the same whatever the wall clock says', () => {
    const outcomes: Record<string, KindOutcome> = Object.fromEntries(Object.values(AWS_IAM_KINDS).map((kind) => [kind, { status: 'succeeded', items: 0 }]));
    const evidence = createEvidenceSet([], outcomes);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const first = evaluateChecks(allChecks, evidence, context());
    vi.setSystemTime(new Date('2035-01-01T00:00:00Z'));
    const second = evaluateChecks(allChecks, evidence, context());
    expect(second).toEqual(first);
    expect(first.filter((f) => f.reason.startsWith('check could not evaluate'))).toEqual([]);
    expect(new Set(first.map((f) => f.checkId))).toEqual(new Set(allChecks.map((c) => c.metadata.id)));
  });

  it('keeps check code pure: imports only @astrolabe/core, zod and relative modules; no clock or randomness', () => {
    const files = [...sourceFiles(join(CHECKS_ROOT, 'src')), ...subdirectories(CHECKS_ROOT).filter((d) => !NON_CONNECTOR_DIRS.has(d)).flatMap((d) => sourceFiles(join(CHECKS_ROOT, d)))];
    expect(files.length).toBeGreaterThan(14);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
      const where = relative(CHECKS_ROOT, file);
      for (const specifier of imports) expect(['@astrolabe/core', 'zod'].includes(specifier) || specifier.startsWith('.'), `${where} imports ${specifier}`).toBe(true);
      expect(source, where).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random\(/);
    }
  });
});

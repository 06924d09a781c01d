import { AWS_IAM_KINDS, AZURE_RBAC_KINDS, ENTRA_KINDS, GITHUB_KINDS, createEvidenceSet, evaluateChecks, type CheckDefinition, type KindOutcome } from '@astrolabe/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GITHUB_RESOURCE_TYPES } from './github/resources';
import { context } from './testing/aws-iam-fixtures';
import { allChecks, awsIamChecks, azureRbacChecks, entraIdChecks, githubChecks } from './index';

const CHECKS_ROOT = join(__dirname, '..');
/** Folders of libs/checks that hold shared code, not a connector's checks. */
const NON_CONNECTOR_DIRS = new Set(['src', 'node_modules']);

/**
 * Each connector's checks as index.ts exports them. allChecks holds only those of connectors the
 * registry knows (it rejects a check of an unknown connector), so the catalog is checked here
 * from these lists, whether or not a connector's checks have joined allChecks yet.
 */
const CHECKS_BY_CONNECTOR: Record<string, readonly CheckDefinition[]> = { 'aws-iam': awsIamChecks, github: githubChecks, 'azure-rbac': azureRbacChecks, 'entra-id': entraIdChecks };
const catalogChecks: readonly CheckDefinition[] = Object.values(CHECKS_BY_CONNECTOR).flat();
const catalogCases = catalogChecks.map((c) => [c.metadata.id, c] as const);

/** The evidence kinds each connector emits; a check may read only these. */
const CONNECTOR_KINDS: Record<string, readonly string[]> = {
  'aws-iam': Object.values(AWS_IAM_KINDS),
  github: Object.values(GITHUB_KINDS),
  'azure-rbac': Object.values(AZURE_RBAC_KINDS),
  'entra-id': Object.values(ENTRA_KINDS),
};

interface Conventions {
  resourceType: RegExp;
  cli: RegExp;
  terraform: RegExp;
  /** `required: false`: some checks of the connector have no CIS recommendation to cite (an owner count, environment separation). */
  cis: { benchmark: string; version: string; id: RegExp; exactlyOne: boolean; required: boolean };
}

/** What each connector's metadata looks like: remediation in its own CLI and Terraform provider, one CIS benchmark. */
const CONVENTIONS: Record<string, Conventions> = {
  'aws-iam': {
    resourceType: /^aws:/,
    cli: /\baws (iam|sts|cloudtrail) /,
    terraform: /resource "aws_[a-z_]+"/,
    cis: { benchmark: 'CIS Amazon Web Services Foundations Benchmark', version: '5.0.0', id: /^1\.\d+$/, exactlyOne: true, required: true },
  },
  github: {
    resourceType: new RegExp(`^(${Object.values(GITHUB_RESOURCE_TYPES).join('|')})$`),
    cli: /\bgh api /,
    // data + check block where the provider cannot change the setting (the 2FA requirement)
    terraform: /(resource|data) "github_[a-z_]+"/,
    cis: { benchmark: 'CIS GitHub Benchmark', version: '1.1.0', id: /^[1-5]\.\d+(\.\d+)?$/, exactlyOne: false, required: true },
  },
  'azure-rbac': {
    resourceType: /^azure:(subscription|role-assignment|role-definition|principal)$/,
    cli: /\baz (role|ad|account|group|tag|resource) /,
    terraform: /resource "azurerm_[a-z_]+"/,
    cis: { benchmark: 'CIS Microsoft Azure Foundations Benchmark', version: '5.0.0', id: /^5\.\d+(\.\d+)?$/, exactlyOne: false, required: false },
  },
  'entra-id': {
    resourceType: /^entra-id:(tenant|user)$/,
    cli: /\baz (ad|rest|role) /,
    terraform: /(resource|data) "azuread_[a-z_]+"/,
    cis: { benchmark: 'CIS Microsoft Azure Foundations Benchmark', version: '4.0.0', id: /^6\.\d+(\.\d+)?$/, exactlyOne: false, required: false },
  },
};

/**
 * CIS recommendations that several checks evidence together, each covering a part: 1.5.1 asks
 * for scanners that identify (secret scanning) and prevent (push protection) secrets in code.
 */
const JOINTLY_EVIDENCED: Record<string, readonly string[]> = {
  'CIS GitHub Benchmark 1.1.0 1.5.1': ['github.push-protection-enabled', 'github.secret-scanning-enabled'],
};

function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/**
 * The prefix of a connector's check ids: its id, or the shorter name people know the platform
 * by where the connector is named for one API of it (azure-rbac checks are azure.*, entra-id's entra.*).
 */
const CHECK_ID_PREFIX: Record<string, string> = { 'azure-rbac': 'azure', 'entra-id': 'entra' };
const prefixOf = (connector: string) => CHECK_ID_PREFIX[connector] ?? connector;

/** `<prefix>.<folder>` for every folder holding a check.json: what the file tree says exists. */
function checkIdsOnDisk(): string[] {
  return subdirectories(CHECKS_ROOT)
    .filter((connector) => !NON_CONNECTOR_DIRS.has(connector))
    .flatMap((connector) =>
      subdirectories(join(CHECKS_ROOT, connector))
        .filter((folder) => existsSync(join(CHECKS_ROOT, connector, folder, 'check.json')))
        .map((folder) => `${prefixOf(connector)}.${folder}`),
    );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Request bodies passed to `gh api --input -` through a here-document. */
function hereDocuments(cli: string): string[] {
  return [...cli.matchAll(/<<'EOF'\n([\s\S]*?)\nEOF/g)].map((m) => m[1] ?? '');
}

describe('check catalog', () => {
  afterEach(() => vi.useRealTimers());

  it('exports every check folder from its connector\'s list, and nothing else', () => {
    const exported = catalogChecks.map((c) => c.metadata.id).sort();
    expect(exported).toEqual(checkIdsOnDisk().sort());
    expect(Object.keys(CHECKS_BY_CONNECTOR).sort()).toEqual(subdirectories(CHECKS_ROOT).filter((d) => !NON_CONNECTOR_DIRS.has(d)).sort());
    for (const [connector, checks] of Object.entries(CHECKS_BY_CONNECTOR)) {
      for (const { metadata } of checks) expect(metadata.connector, metadata.id).toBe(connector);
    }
  });

  it('puts in allChecks only catalogued checks, once each, including every aws-iam check', () => {
    const ids = allChecks.map((c) => c.metadata.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of allChecks) expect(catalogChecks).toContain(check);
    for (const check of awsIamChecks) expect(allChecks).toContain(check);
  });

  it('has unique ids equal to <prefix>.<folder>', () => {
    const ids = catalogChecks.map((c) => c.metadata.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { metadata } of catalogChecks) {
      const prefix = prefixOf(metadata.connector);
      expect(metadata.id.startsWith(`${prefix}.`), metadata.id).toBe(true);
      const folder = metadata.id.slice(prefix.length + 1);
      const onDisk = JSON.parse(readFileSync(join(CHECKS_ROOT, metadata.connector, folder, 'check.json'), 'utf8')) as { id: string };
      expect(onDisk.id).toBe(metadata.id);
    }
  });

  it.each(catalogCases)('%s has remediation and framework references', (_id, { metadata }) => {
    const conventions = CONVENTIONS[metadata.connector];
    if (!conventions) throw new Error(`no catalog conventions for connector ${metadata.connector}`);
    expect(metadata.resourceType).toMatch(conventions.resourceType);
    expect(metadata.remediation.console.length).toBeGreaterThan(0);
    expect(metadata.remediation.cli).toMatch(conventions.cli);
    expect(metadata.remediation.terraform).toMatch(conventions.terraform);
    const { cis } = metadata.references;
    if (conventions.cis.required) expect(cis.length).toBeGreaterThan(0);
    if (conventions.cis.exactlyOne) expect(cis).toHaveLength(1);
    for (const ref of cis) {
      expect(ref).toMatchObject({ benchmark: conventions.cis.benchmark, version: conventions.cis.version });
      expect(ref.id).toMatch(conventions.cis.id);
    }
    for (const criterion of metadata.references.soc2) expect(criterion).toMatch(/^CC\d\.\d+$/);
    for (const control of metadata.references.iso27001) expect(control).toMatch(/^A\.[5-8]\.\d+$/);
  });

  it.each(catalogCases)('%s sends valid JSON in the request bodies of its CLI remediation', (_id, { metadata }) => {
    for (const body of hereDocuments(metadata.remediation.cli)) expect(() => JSON.parse(body), body).not.toThrow();
  });

  it.each(catalogCases)("%s reads only its connector's evidence kinds", (_id, { metadata }) => {
    const kinds = CONNECTOR_KINDS[metadata.connector];
    expect(kinds, `no evidence kinds known for connector ${metadata.connector}`).toBeDefined();
    for (const kind of metadata.reads) expect(kinds).toContain(kind);
  });

  it('maps each CIS recommendation to one check, except those several checks evidence together', () => {
    const checksByRecommendation = new Map<string, string[]>();
    for (const { metadata } of catalogChecks) {
      for (const ref of metadata.references.cis) {
        const key = `${ref.benchmark} ${ref.version} ${ref.id}`;
        checksByRecommendation.set(key, [...(checksByRecommendation.get(key) ?? []), metadata.id]);
      }
    }
    for (const [key, ids] of checksByRecommendation) expect(ids.sort(), key).toEqual(JOINTLY_EVIDENCED[key] ?? [ids[0]]);
  });

  it('never throws on empty evidence and answers the same whatever the wall clock says', () => {
    const allKinds = Object.values(CONNECTOR_KINDS).flat();
    const outcomes: Record<string, KindOutcome> = Object.fromEntries(allKinds.map((kind) => [kind, { status: 'succeeded', items: 0 }]));
    const evidence = createEvidenceSet([], outcomes);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const first = evaluateChecks(catalogChecks, evidence, context());
    vi.setSystemTime(new Date('2035-01-01T00:00:00Z'));
    const second = evaluateChecks(catalogChecks, evidence, context());
    expect(second).toEqual(first);
    expect(first.filter((f) => f.reason.startsWith('check could not evaluate'))).toEqual([]);
    expect(new Set(first.map((f) => f.checkId))).toEqual(new Set(catalogChecks.map((c) => c.metadata.id)));
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

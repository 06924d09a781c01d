import { describe, expect, it } from 'vitest';
import { buildCatalog, CatalogError, loadCatalog } from './catalog';
import controlsData from './data/controls.json';
import soc2 from './data/frameworks/soc2-tsc-2017.json';
import { CONTROL_CATEGORIES, catalogSchema, controlSchema, frameworkSchema } from './framework.schema';

// The public check ids of the walking skeleton (issue 3). Hard-coded here on purpose: this lib
// may not import the checks; the registry cross-checks the catalog against the real ones.
const AWS_IAM_CHECKS: Record<string, string> = {
  'aws-iam.root-access-keys-absent': '1.3',
  'aws-iam.root-mfa-enabled': '1.4',
  'aws-iam.root-hardware-mfa': '1.5',
  'aws-iam.root-not-used-recently': '1.6',
  'aws-iam.password-min-length': '1.7',
  'aws-iam.password-reuse-prevention': '1.8',
  'aws-iam.console-user-mfa': '1.9',
  'aws-iam.credentials-unused-45d': '1.11',
  'aws-iam.single-active-access-key': '1.12',
  'aws-iam.access-keys-rotated-90d': '1.13',
  'aws-iam.permissions-through-groups': '1.14',
  'aws-iam.no-full-admin-policies': '1.15',
  'aws-iam.support-role-exists': '1.16',
  'aws-iam.expired-certificates-removed': '1.18',
};

// The github checks (issue 5), also hard-coded for the same reason.
const GITHUB_CHECKS = [
  'github.org-2fa-required',
  'github.member-2fa-enabled',
  'github.owner-count',
  'github.outside-collaborator-no-admin',
  'github.default-branch-protected',
  'github.pull-request-reviews-required',
  'github.force-push-blocked',
  'github.production-environment-protected',
  'github.secret-scanning-enabled',
  'github.push-protection-enabled',
  'github.dependabot-alerts-enabled',
  'github.workflow-token-read-only',
  'github.default-repo-permission-restricted',
];

// The Azure checks (issue 7): ARM role assignments and the Entra ID directory.
const AZURE_CHECKS = [
  'azure.subscription-owner-count',
  'azure.user-access-admin-restricted',
  'azure.no-custom-owner-roles',
  'azure.disabled-users-hold-no-roles',
  'azure.environment-separation',
  'entra.mfa-enforced',
  'entra.admin-portals-mfa',
  'entra.user-mfa-registered',
  'entra.global-admin-count',
  'entra.stale-users-90d',
  'entra.stale-guests',
];

const catalog = loadCatalog();
const allRequirements = catalog.frameworks.flatMap((framework) =>
  framework.sections.flatMap((section) => section.requirements.map((requirement) => ({ framework, section, requirement }))),
);

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe('built-in catalog conformance', () => {
  it('loads and every part is schema-valid on its own', () => {
    expect(catalog.controls.length).toBeGreaterThanOrEqual(60);
    for (const control of catalog.controls) expect(controlSchema.safeParse(control).success).toBe(true);
    for (const framework of catalog.frameworks) expect(frameworkSchema.safeParse(framework).success).toBe(true);
    expect(catalogSchema.safeParse({ controls: catalog.controls, frameworks: catalog.frameworks }).success).toBe(true);
  });

  it('has unique control, framework, section and requirement ids', () => {
    const controlIds = catalog.controls.map((c) => c.id);
    expect(new Set(controlIds).size).toBe(controlIds.length);
    const frameworkIds = catalog.frameworks.map((f) => f.id);
    expect(new Set(frameworkIds).size).toBe(frameworkIds.length);
    for (const framework of catalog.frameworks) {
      const sectionIds = framework.sections.map((s) => s.id);
      expect(new Set(sectionIds).size, framework.id).toBe(sectionIds.length);
      const requirementIds = framework.sections.flatMap((s) => s.requirements.map((r) => r.id));
      expect(new Set(requirementIds).size, framework.id).toBe(requirementIds.length);
    }
  });

  it('ships the five frameworks', () => {
    expect(catalog.frameworks.map((f) => f.id)).toEqual(['soc2-tsc-2017', 'iso27001-2022', 'hipaa-security-rule', 'nist-csf-2.0', 'cis-aws-foundations-v5']);
  });

  it('loads each framework whole', () => {
    const count = (id: string) => catalog.getFramework(id)?.sections.flatMap((s) => s.requirements).length;
    const ids = (id: string) => catalog.getFramework(id)?.sections.flatMap((s) => s.requirements.map((r) => r.id)) ?? [];
    // SOC 2: 33 common criteria + A1 (3) + C1 (2) + PI1 (5) + P1–P8 (18).
    expect(count('soc2-tsc-2017')).toBe(61);
    expect(ids('soc2-tsc-2017').filter((id) => id.startsWith('CC6.'))).toEqual(['CC6.1', 'CC6.2', 'CC6.3', 'CC6.4', 'CC6.5', 'CC6.6', 'CC6.7', 'CC6.8']);
    expect(count('iso27001-2022')).toBe(93);
    const annexA = (theme: number, n: number) => Array.from({ length: n }, (_, i) => `A.${theme}.${i + 1}`);
    expect(ids('iso27001-2022')).toEqual([...annexA(5, 37), ...annexA(6, 8), ...annexA(7, 14), ...annexA(8, 34)]);
    expect(count('nist-csf-2.0')).toBe(106);
    expect(new Set(catalog.getFramework('nist-csf-2.0')?.sections.map((s) => s.group))).toEqual(
      new Set(['GOVERN (GV)', 'IDENTIFY (ID)', 'PROTECT (PR)', 'DETECT (DE)', 'RESPOND (RS)', 'RECOVER (RC)']),
    );
    expect(catalog.getFramework('nist-csf-2.0')?.sections).toHaveLength(22);
    expect(ids('hipaa-security-rule')).toEqual(expect.arrayContaining(['164.308(a)(1)', '164.308(a)(1)(ii)(A)', '164.310(d)(1)', '164.312(a)(1)', '164.312(e)(1)']));
    expect(catalog.getFramework('hipaa-security-rule')?.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['164.308', '164.310', '164.312']));
  });

  it('every mapped control exists', () => {
    for (const { framework, requirement } of allRequirements) {
      for (const controlId of requirement.controlIds) {
        expect(catalog.getControl(controlId), `${framework.id} ${requirement.id} → ${controlId}`).toBeDefined();
      }
    }
  });

  it('fully covers SOC 2 CC6 and ISO A.5.15–A.5.18 / A.8.2–A.8.5 with controls', () => {
    const mustCover: [string, string[]][] = [
      ['soc2-tsc-2017', ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.4', 'CC6.5', 'CC6.6', 'CC6.7', 'CC6.8']],
      ['iso27001-2022', ['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.3', 'A.8.4', 'A.8.5']],
    ];
    for (const [frameworkId, requirementIds] of mustCover) {
      const framework = catalog.getFramework(frameworkId);
      for (const id of requirementIds) {
        const requirement = framework?.sections.flatMap((s) => s.requirements).find((r) => r.id === id);
        expect(requirement?.controlIds.length, `${frameworkId} ${id}`).toBeGreaterThan(0);
      }
    }
  });

  it('reports no requirement gaps in the shipped frameworks', () => {
    const gaps = allRequirements.filter(({ requirement }) => requirement.controlIds.length === 0).map(({ framework, requirement }) => `${framework.id} ${requirement.id}`);
    expect(gaps).toEqual([]);
  });

  it('covers every category of the trust-center seed with controls', () => {
    const categories = new Set(catalog.controls.map((c) => c.category));
    expect([...categories].sort()).toEqual([...CONTROL_CATEGORIES].sort());
  });

  it('gives manual and hybrid controls evidence requirements with a cadence, and automated ones none', () => {
    for (const control of catalog.controls) {
      if (control.automation === 'automated') expect(control.manualEvidence, control.id).toEqual([]);
      else expect(control.manualEvidence.length, control.id).toBeGreaterThan(0);
      for (const item of control.manualEvidence) expect(item.cadenceDays, `${control.id}/${item.id}`).toBeGreaterThan(0);
      expect(control.publicTitle.length, control.id).toBeLessThanOrEqual(80);
    }
  });

  it('maps every control to at least one requirement', () => {
    const mapped = new Set(allRequirements.flatMap(({ requirement }) => requirement.controlIds));
    const unmapped = catalog.controls.filter((c) => !mapped.has(c.id)).map((c) => c.id);
    expect(unmapped).toEqual([]);
  });

  it('gives every automated or hybrid control at least one check, and manual controls none', () => {
    for (const control of catalog.controls) {
      if (control.automation === 'manual') expect(control.checkIds, control.id).toEqual([]);
      else expect(control.checkIds.length, control.id).toBeGreaterThan(0);
    }
  });

  it('references only the shipped aws-iam and github checks, and covers all of them', () => {
    const known = [...Object.keys(AWS_IAM_CHECKS), ...GITHUB_CHECKS, ...AZURE_CHECKS];
    const referenced = catalog.controls.flatMap((c) => c.checkIds);
    for (const checkId of referenced) expect(known, checkId).toContain(checkId);
    expect([...catalog.checkIds]).toEqual([...known].sort());
  });

  it('includes honest manual controls that will score not_monitored, and hybrid ones', () => {
    expect(catalog.controls.filter((c) => c.automation === 'manual').length).toBeGreaterThanOrEqual(3);
    expect(catalog.controls.filter((c) => c.automation === 'hybrid').length).toBeGreaterThanOrEqual(1);
  });

  it('lists every CIS v5 section 1 requirement of the skeleton, mapped to the control holding its check', () => {
    const cis = catalog.getFramework('cis-aws-foundations-v5');
    expect(cis?.version).toBe('5.0.0');
    const section = cis?.sections.find((s) => s.id === '1');
    expect(section?.requirements.map((r) => r.id)).toEqual(Object.values(AWS_IAM_CHECKS));
    for (const [checkId, cisId] of Object.entries(AWS_IAM_CHECKS)) {
      const requirement = section?.requirements.find((r) => r.id === cisId);
      const holders = catalog.controlsForCheck(checkId).map((c) => c.id);
      expect(holders.length, checkId).toBeGreaterThan(0);
      expect(holders.some((id) => requirement?.controlIds.includes(id)), `${cisId} ↔ ${checkId}`).toBe(true);
    }
  });

  it('covers the access requirements the skeleton is about', () => {
    const ids = (frameworkId: string) => catalog.getFramework(frameworkId)?.sections.flatMap((s) => s.requirements.map((r) => r.id)) ?? [];
    expect(ids('soc2-tsc-2017')).toEqual(expect.arrayContaining(['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6', 'CC6.7', 'CC6.8', 'CC7.1']));
    expect(ids('iso27001-2022')).toEqual(expect.arrayContaining(['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.5', 'A.8.24']));
    expect(ids('nist-csf-2.0')).toEqual(expect.arrayContaining(['PR.AA-01', 'PR.AA-02', 'PR.AA-03', 'PR.AA-05']));
    expect(catalog.getFramework('soc2-tsc-2017')?.sections.find((s) => s.id === 'CC6')?.title).toBe('Logical and Physical Access Controls');
  });

  it('uses the framework requirement id formats verbatim', () => {
    const formats: Record<string, RegExp> = {
      'soc2-tsc-2017': /^(CC[1-9]\.[0-9]+|A1\.[0-9]+|C1\.[0-9]+|PI1\.[0-9]+|P[1-8]\.[0-9]+)$/,
      'iso27001-2022': /^A\.[5-8]\.[0-9]+$/,
      'nist-csf-2.0': /^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-[0-9]{2}$/,
      'hipaa-security-rule': /^164\.3(08|10|12|14|16)\([a-e]\)(\([0-9]+\))?(\((i|ii|iii|iv)\))?(\([A-E]\))?$/,
      'cis-aws-foundations-v5': /^[0-9]+\.[0-9]+$/,
    };
    for (const { framework, section, requirement } of allRequirements) {
      expect(requirement.id, framework.id).toMatch(formats[framework.id] ?? /^$/);
      // A requirement sits in the section its id belongs to (CC6.1 in CC6, PR.AA-01 in PR.AA).
      expect(requirement.id.startsWith(section.id), `${requirement.id} in ${section.id}`).toBe(true);
    }
  });
});

describe('catalog lookups', () => {
  it('finds the controls a check feeds, and none for an unknown check', () => {
    expect(catalog.controlsForCheck('aws-iam.root-mfa-enabled').map((c) => c.id)).toEqual(['ctl-iam-root-protected']);
    expect(catalog.controlsForCheck('aws-iam.console-user-mfa').map((c) => c.id)).toEqual(['ctl-iam-console-mfa']);
    expect(catalog.controlsForCheck('github.branch-protection')).toEqual([]);
  });

  it('reads the crosswalk backwards: requirements a control serves, across frameworks', () => {
    const refs = catalog.requirementsForControl('ctl-iam-console-mfa');
    expect(refs).toEqual(
      expect.arrayContaining([
        { frameworkId: 'soc2-tsc-2017', sectionId: 'CC6', requirementId: 'CC6.1' },
        { frameworkId: 'iso27001-2022', sectionId: 'A.8', requirementId: 'A.8.5' },
        { frameworkId: 'nist-csf-2.0', sectionId: 'PR.AA', requirementId: 'PR.AA-03' },
        { frameworkId: 'cis-aws-foundations-v5', sectionId: '1', requirementId: '1.9' },
      ]),
    );
    expect(catalog.requirementsForControl('ctl-does-not-exist')).toEqual([]);
  });

  it('gets controls and frameworks by id', () => {
    expect(catalog.getControl('ctl-iam-root-protected')?.automation).toBe('automated');
    expect(catalog.getControl('nope')).toBeUndefined();
    expect(catalog.getFramework('iso27001-2022')?.publisher).toBe('ISO/IEC');
    expect(catalog.getFramework('nope')).toBeUndefined();
  });

  it('returns one shared, immutable instance', () => {
    expect(loadCatalog()).toBe(catalog);
    expect(Object.isFrozen(catalog.controls)).toBe(true);
    expect(Object.isFrozen(catalog.controls[0])).toBe(true);
    expect(Object.isFrozen(catalog.frameworks[0]?.sections[0]?.requirements[0]?.controlIds)).toBe(true);
    expect(() => (catalog.controls as unknown[]).push({})).toThrow(TypeError);
  });
});

describe('invalid catalog data', () => {
  const base = () => ({ controls: clone(controlsData), frameworks: [clone(soc2)] });

  function errorOf(data: unknown): CatalogError {
    try {
      buildCatalog(data);
    } catch (err) {
      if (err instanceof CatalogError) return err;
      throw err;
    }
    throw new Error('expected a CatalogError');
  }

  it('accepts the base data used below', () => {
    expect(() => buildCatalog(base())).not.toThrow();
  });

  it('names the requirement and the unknown control it maps to', () => {
    const data = base();
    const cc61 = data.frameworks[0]?.sections.find((s) => s.id === 'CC6')?.requirements[0];
    cc61?.controlIds.push('ctl-made-up');
    const at = (cc61?.controlIds.length ?? 0) - 1;
    const err = errorOf(data);
    expect(err.issues).toEqual([
      { path: `frameworks[soc2-tsc-2017].sections[CC6].requirements[CC6.1].controlIds[${at}]`, message: 'unknown control id "ctl-made-up"' },
    ]);
    expect(err.message).toContain(`frameworks[soc2-tsc-2017].sections[CC6].requirements[CC6.1].controlIds[${at}]: unknown control id "ctl-made-up"`);
  });

  it('names a duplicate control id', () => {
    const data = base();
    const first = data.controls[0];
    if (first) data.controls.push(clone(first));
    expect(errorOf(data).issues).toEqual([{ path: 'controls[ctl-iam-root-protected].id', message: 'duplicate control id "ctl-iam-root-protected"' }]);
  });

  it('names a duplicate requirement id across sections of one framework', () => {
    const data = base();
    const cc6 = data.frameworks[0]?.sections.find((s) => s.id === 'CC6');
    const cc71 = data.frameworks[0]?.sections.find((s) => s.id === 'CC7')?.requirements[0];
    if (cc6 && cc71) cc6.requirements.push(clone(cc71));
    const issues = errorOf(data).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('frameworks[soc2-tsc-2017].sections[CC7].requirements[CC7.1].id');
    expect(issues[0]?.message).toBe('duplicate requirement id "CC7.1"');
  });

  it('names a misspelt field instead of ignoring it', () => {
    const data = base();
    const control = data.controls[3] as Record<string, unknown>;
    control.checkIDs = control.checkIds;
    const issues = errorOf(data).issues;
    expect(issues[0]?.path).toBe('controls[ctl-iam-console-mfa]');
    expect(issues[0]?.message).toContain('checkIDs');
  });

  it('names a bad enum value and a bad id', () => {
    const data = base();
    (data.controls[0] as Record<string, unknown>).automation = 'automatic';
    (data.controls[1] as Record<string, unknown>).id = 'Root Usage';
    const issues = errorOf(data).issues;
    expect(issues.map((i) => i.path)).toEqual(['controls[ctl-iam-root-protected].automation', 'controls[Root Usage].id']);
  });

  it('rejects an automated control without checks and a manual control with checks', () => {
    const data = base();
    (data.controls[0] as Record<string, unknown>).checkIds = [];
    const manual = data.controls.find((c) => c.automation === 'manual');
    if (manual) manual.checkIds.push('aws-iam.root-mfa-enabled');
    const issues = errorOf(data).issues;
    expect(issues.map((i) => i.path)).toEqual(['controls[ctl-iam-root-protected].checkIds', `controls[${manual?.id}].checkIds`]);
    expect(issues[0]?.message).toBe('automated controls need at least one check');
  });

  it('rejects a malformed check id and a manual control without evidence requirements', () => {
    const data = base();
    data.controls[3]?.checkIds.push('console-user-mfa');
    const manual = data.controls.find((c) => c.automation === 'manual');
    if (manual) manual.manualEvidence = [];
    const issues = errorOf(data).issues;
    expect(issues.map((i) => i.path)).toEqual(['controls[ctl-iam-console-mfa].checkIds[1]', `controls[${manual?.id}].manualEvidence`]);
    expect(issues[1]?.message).toBe('manual controls need at least one manual evidence requirement');
  });

  it('accepts an unmapped requirement: a visible gap, scored not_monitored', () => {
    const data = base();
    const first = data.frameworks[0]?.sections[0]?.requirements[0];
    if (first) first.controlIds = [];
    expect(() => buildCatalog(data)).not.toThrow();
  });

  it('rejects data that is not a catalog at all', () => {
    expect(errorOf(undefined).issues[0]?.path).toBe('(catalog)');
    expect(errorOf({ controls: [], frameworks: [{}] }).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['frameworks[0].id', 'frameworks[0].sections']),
    );
  });
});

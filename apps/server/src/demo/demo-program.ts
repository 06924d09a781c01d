import type { MemberRole } from '@astrolabe/api-contract';

// Demo data for the compliance program of the demo workspace. Fictional people; effective dates
// are relative to start-up so the demo always shows current, due-soon and overdue evidence.

export const DEMO_MEMBERS: readonly { key: string; displayName: string; email: string; role: MemberRole }[] = [
  { key: 'owner', displayName: 'Jordan Reyes', email: 'jordan@acme.example', role: 'owner' },
  { key: 'lead', displayName: 'Priya Raman', email: 'priya@acme.example', role: 'compliance_lead' },
  { key: 'engineer', displayName: 'Marco Diaz', email: 'marco@acme.example', role: 'engineer' },
  { key: 'auditor', displayName: 'Alex Chen', email: 'alex@audit.example', role: 'auditor' },
];

export const DEMO_OWNERSHIP: Readonly<Record<string, readonly string[]>> = {
  engineer: [
    'ctl-iam-root-protected',
    'ctl-iam-root-usage-minimized',
    'ctl-iam-password-policy',
    'ctl-iam-console-mfa',
    'ctl-iam-unused-credentials-disabled',
    'ctl-iam-access-keys-managed',
    'ctl-iam-permissions-through-groups',
    'ctl-iam-no-full-admin-policies',
    'ctl-iam-support-role',
    'ctl-privileged-access-managed',
    'ctl-backup-restore-tested',
    'ctl-vulnerability-scanning',
  ],
  lead: [
    'ctl-access-reviews-quarterly',
    'ctl-security-awareness-training',
    'ctl-information-security-policy',
    'ctl-penetration-test',
    'ctl-risk-assessment',
    'ctl-vendor-risk-assessment',
    'ctl-incident-response-plan',
  ],
};

export const DEMO_EVIDENCE: readonly {
  controlId: string;
  requirementId: string;
  by: string;
  daysAgo: number;
  note: string;
  fileName?: string;
  content?: string;
  url?: string;
}[] = [
  { controlId: 'ctl-information-security-policy', requirementId: 'approved-policy', by: 'lead', daysAgo: 120, note: 'Version 3.2, approved by the CEO.', fileName: 'information-security-policy-v3.2.txt' },
  { controlId: 'ctl-security-awareness-training', requirementId: 'training-completion-report', by: 'lead', daysAgo: 40, note: '42 of 42 staff completed the annual course.', fileName: 'training-completion-2026.txt' },
  { controlId: 'ctl-penetration-test', requirementId: 'pentest-report', by: 'lead', daysAgo: 350, note: 'External test by an independent firm; 2 medium findings fixed.', url: 'https://docs.acme.example/security/pentest-2025' },
  { controlId: 'ctl-backup-restore-tested', requirementId: 'restore-test-record', by: 'engineer', daysAgo: 130, note: 'Restored the production database snapshot into staging in 38 minutes.', fileName: 'restore-test.txt' },
  { controlId: 'ctl-access-reviews-quarterly', requirementId: 'access-review-record', by: 'lead', daysAgo: 86, note: 'Q3 review of AWS, GitHub and Google Workspace; 3 accounts revoked.', fileName: 'access-review-q3.txt' },
];

/** Controls the demo leaves without evidence on purpose (the e2e journeys start from them). */
const LEFT_UNEVIDENCED = new Set(['ctl-incident-response-plan', 'ctl-privileged-access-managed', 'ctl-business-continuity-plan']);

/**
 * A program in progress: about three quarters of the remaining manual evidence is on file, at
 * ages spread over each cadence (deterministic), the rest is not monitored yet.
 */
export function demoBackfill(
  controls: readonly { id: string; manualEvidence: readonly { id: string; title: string; cadenceDays: number }[] }[],
  already: ReadonlySet<string>,
): { controlId: string; requirementId: string; daysAgo: number; url: string; note: string }[] {
  const candidates = controls.filter((c) => c.manualEvidence.length > 0 && !already.has(c.id) && !LEFT_UNEVIDENCED.has(c.id));
  return candidates
    .filter((_, i) => i % 4 !== 3)
    .flatMap((c, i) =>
      c.manualEvidence.map((e) => ({
        controlId: c.id,
        requirementId: e.id,
        daysAgo: (i * 53) % Math.max(1, Math.floor(e.cadenceDays * 0.85)),
        url: `https://docs.acme.example/compliance/${c.id.replace(/^ctl-/, '')}/${e.id}`,
        note: `${e.title}, reviewed.`,
      })),
    );
}

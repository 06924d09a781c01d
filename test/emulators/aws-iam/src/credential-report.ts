import type { IamModel, ModelAccessKey } from './iam-model';
import { reportTimestamp } from './relative-date';

/** The columns of the IAM credential report, in the order AWS prints them. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

const date = (d: Date | null, none: string): string => (d ? reportTimestamp(d) : none);

function keyCells(key: ModelAccessKey | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [
    String(key.active),
    reportTimestamp(key.created),
    date(key.lastUsed, 'N/A'),
    key.lastUsed ? key.lastUsedRegion : 'N/A',
    key.lastUsed ? key.lastUsedService : 'N/A',
  ];
}

const NO_CERTS = ['false', 'N/A', 'false', 'N/A'];
const DAY_MS = 86_400_000;

/**
 * The report as AWS writes it: `<root_account>` first with `not_supported` password fields,
 * `N/A` where a credential does not exist, `no_information` where a password was never used.
 */
export function credentialReportCsv(model: IamModel): string {
  const rows: string[][] = [];
  const root = model.root;
  rows.push([
    '<root_account>',
    root.arn,
    reportTimestamp(root.created),
    'not_supported',
    date(root.passwordLastUsed, 'no_information'),
    'not_supported',
    'not_supported',
    String(root.mfa !== 'none'),
    ...keyCells(root.accessKeys[0]),
    ...keyCells(root.accessKeys[1]),
    ...NO_CERTS,
  ]);
  const maxAge = model.passwordPolicy?.maxPasswordAge;
  for (const u of model.users) {
    const pwd = u.console;
    rows.push([
      u.name,
      u.arn,
      reportTimestamp(u.created),
      String(pwd !== null),
      pwd ? date(pwd.lastUsed, 'no_information') : 'N/A',
      pwd ? reportTimestamp(pwd.passwordLastChanged) : 'N/A',
      pwd && maxAge ? reportTimestamp(new Date(pwd.passwordLastChanged.getTime() + maxAge * DAY_MS)) : 'N/A',
      String(u.mfa !== 'none'),
      ...keyCells(u.accessKeys[0]),
      ...keyCells(u.accessKeys[1]),
      ...NO_CERTS,
    ]);
  }
  // IAM names may contain commas, so such cells are quoted the RFC 4180 way.
  const cell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n');
}

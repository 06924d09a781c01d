// Help the connection form shows where a connector's JSON Schema has none. Manifests document
// their fields in code comments that do not reach the JSON Schema; a `description` or
// `examples` in the schema always wins over these, so they can go once manifests carry them.

export interface FieldHint {
  description?: string;
  placeholder?: string;
  /** Fields that are alternatives to other groups (a token, or a GitHub App). */
  group?: string;
  multiline?: boolean;
}

export interface FieldGroup {
  id: string;
  title: string;
  intro?: string;
}

export interface FormHints {
  /** By field path: `config.organization`, `secret.token`. */
  fields: Readonly<Record<string, FieldHint>>;
  /** Groups in display order; shown with "or" between them. */
  groups: readonly FieldGroup[];
}

const NONE: FormHints = { fields: {}, groups: [] };

const HINTS: Readonly<Record<string, FormHints>> = {
  github: {
    fields: {
      'config.organization': { description: 'The organization login, as in https://github.com/<organization>.', placeholder: 'octo-org' },
      'config.baseUrl': {
        description: 'GitHub Enterprise Server only: its REST API root. Leave empty for github.com.',
        placeholder: 'https://github.example.com/api/v3',
      },
      'config.fullScanHours': {
        description:
          'When a run finds every repository listing unchanged (all 304s, no quota spent), it reuses the last repository scan while that scan is younger than this. 0 scans every run.',
      },
      'secret.token': {
        group: 'token',
        description: 'Fine-grained (Organization: Members, Administration read; Repository: Metadata, Administration read) or classic (read:org, repo).',
        placeholder: 'github_pat_… or ghp_…',
      },
      'secret.appId': { group: 'app', placeholder: '123456' },
      'secret.privateKey': { group: 'app', description: 'The App’s private key (.pem file contents).', placeholder: '-----BEGIN RSA PRIVATE KEY-----', multiline: true },
      'secret.installationId': { group: 'app', description: 'The installation of the App on this organization.', placeholder: '12345678' },
    },
    groups: [
      { id: 'token', title: 'Access token' },
      { id: 'app', title: 'GitHub App installation', intro: 'All three fields, instead of a token. The App needs the same read permissions.' },
    ],
  },
  'aws-iam': {
    fields: {
      'config.region': { description: 'IAM is global: the region only picks the signing region and the STS / SSO endpoints.' },
      'config.endpointUrl': { description: 'An IAM-compatible endpoint (a VPC endpoint, the emulator). Leave empty for AWS.' },
      'config.profile': { description: 'A profile of ~/.aws/config on the server (SSO, assume-role, credential_process…).' },
      'secret.accessKeyId': { placeholder: 'AKIA…' },
      'secret.sessionToken': { description: 'Only for temporary credentials.' },
    },
    groups: [],
  },
};

export function formHints(connectorId: string): FormHints {
  return HINTS[connectorId] ?? NONE;
}

import { z } from 'zod';
import { isDateSpec } from './relative-date';

/** An ISO-8601 date or an offset from the emulator's `now` (`-120d`, `+30d`, `-6h`, `now`). */
const dateSpec = z.string().refine(isDateSpec, { message: 'expected an ISO date, "now" or an offset such as "-120d"' });

/** IAM policy documents are kept as written; IAM only insists on a Statement. */
export const scenarioPolicyDocumentSchema = z.looseObject({
  Version: z.string().optional(),
  Statement: z.union([z.looseObject({ Effect: z.string() }), z.array(z.looseObject({ Effect: z.string() })).min(1)]),
});

const name = z.string().regex(/^[\w+=,.@-]{1,128}$/, 'IAM names use letters, digits and +=,.@_-');
const path = z
  .string()
  .regex(/^\/(?:[\x21-\x7e]*\/)?$/, 'paths start and end with "/"')
  .default('/');

const inlinePolicySchema = z.object({ name, document: scenarioPolicyDocumentSchema });

const accessKeySchema = z.object({
  /** Defaults to a stable id derived from the owner and key position. */
  id: z
    .string()
    .regex(/^AKIA[A-Z0-9]{16}$/)
    .optional(),
  active: z.boolean().default(true),
  created: dateSpec,
  lastUsed: dateSpec.nullable().default(null),
  lastUsedService: z.string().default('s3'),
  lastUsedRegion: z.string().default('us-east-1'),
});

const mfaKind = z.enum(['none', 'virtual', 'hardware']);

const consoleSchema = z.object({
  passwordLastChanged: dateSpec.optional(),
  /** null: the password was never used to sign in (the report says `no_information`). */
  lastUsed: dateSpec.nullable().default(null),
});

const userSchema = z.object({
  name,
  path,
  created: dateSpec,
  /** null or absent: no console password (API-only user). */
  console: consoleSchema.nullable().default(null),
  mfa: mfaKind.default('none'),
  mfaEnabled: dateSpec.optional(),
  accessKeys: z.array(accessKeySchema).max(2, 'IAM allows two access keys per user').default([]),
  groups: z.array(name).default([]),
  inlinePolicies: z.array(inlinePolicySchema).default([]),
  /** Policy ARNs, or bare names: a customer policy of the scenario first, else an AWS-managed policy. */
  attachedPolicies: z.array(z.string().min(1)).default([]),
});

const rootSchema = z.object({
  mfa: mfaKind.default('none'),
  mfaEnabled: dateSpec.optional(),
  passwordLastUsed: dateSpec.nullable().default(null),
  accessKeys: z.array(accessKeySchema).max(2).default([]),
});

const passwordPolicySchema = z.object({
  minimumPasswordLength: z.number().int().min(6).max(128).default(8),
  requireSymbols: z.boolean().default(false),
  requireNumbers: z.boolean().default(false),
  requireUppercaseCharacters: z.boolean().default(false),
  requireLowercaseCharacters: z.boolean().default(false),
  allowUsersToChangePassword: z.boolean().default(true),
  maxPasswordAge: z.number().int().min(1).max(1095).optional(),
  passwordReusePrevention: z.number().int().min(1).max(24).optional(),
  hardExpiry: z.boolean().optional(),
});

const groupSchema = z.object({
  name,
  path,
  created: dateSpec,
  inlinePolicies: z.array(inlinePolicySchema).default([]),
  attachedPolicies: z.array(z.string().min(1)).default([]),
});

const roleSchema = z.object({
  name,
  path,
  created: dateSpec,
  description: z.string().optional(),
  trustPolicy: scenarioPolicyDocumentSchema,
  inlinePolicies: z.array(inlinePolicySchema).default([]),
  attachedPolicies: z.array(z.string().min(1)).default([]),
  lastUsed: dateSpec.nullable().default(null),
  lastUsedRegion: z.string().default('us-east-1'),
});

const customerPolicySchema = z.object({
  name,
  path,
  created: dateSpec,
  updated: dateSpec.optional(),
  description: z.string().optional(),
  document: scenarioPolicyDocumentSchema,
  /** How many versions exist; the last one is the default and carries `document`. */
  versions: z.number().int().min(1).max(5).default(1),
});

const serverCertificateSchema = z.object({
  name,
  path,
  uploaded: dateSpec,
  expiration: dateSpec,
});

export const scenarioSchema = z
  .object({
    description: z.string().optional(),
    accountId: z.string().regex(/^\d{12}$/, 'an AWS account id has 12 digits'),
    accountCreated: dateSpec.default('-1500d'),
    root: rootSchema.default({ mfa: 'none', passwordLastUsed: null, accessKeys: [] }),
    passwordPolicy: passwordPolicySchema.nullable().default(null),
    users: z.array(userSchema).default([]),
    groups: z.array(groupSchema).default([]),
    roles: z.array(roleSchema).default([]),
    policies: z.array(customerPolicySchema).default([]),
    /** Extra virtual MFA devices nobody is using (assigned ones come from users' and root's `mfa`). */
    unassignedVirtualMfaDevices: z.array(name).default([]),
    serverCertificates: z.array(serverCertificateSchema).default([]),
  })
  .superRefine((s, ctx) => {
    const dupes = (kind: string, names: string[]): void => {
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) ctx.addIssue({ code: 'custom', message: `duplicate ${kind} name ${n}`, path: [kind] });
        seen.add(n);
      }
    };
    dupes('users', s.users.map((u) => u.name));
    dupes('groups', s.groups.map((g) => g.name));
    dupes('roles', s.roles.map((r) => r.name));
    dupes('policies', s.policies.map((p) => p.name));
    dupes('serverCertificates', s.serverCertificates.map((c) => c.name));
    const groups = new Set(s.groups.map((g) => g.name));
    s.users.forEach((u, i) => {
      for (const g of u.groups) {
        if (!groups.has(g)) ctx.addIssue({ code: 'custom', message: `user ${u.name} is in unknown group ${g}`, path: ['users', i, 'groups'] });
      }
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
/** What a scenario file may contain: defaults filled in at load. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioPolicyDocument = z.output<typeof scenarioPolicyDocumentSchema>;
export type MfaKind = z.output<typeof mfaKind>;
export type ScenarioAccessKey = z.output<typeof accessKeySchema>;
export type ScenarioPasswordPolicy = z.output<typeof passwordPolicySchema>;

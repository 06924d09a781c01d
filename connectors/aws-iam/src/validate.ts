import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListEntitiesForPolicyCommand,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { SUPPORT_ACCESS_POLICY_ARN, type ValidateContext, type ValidationResult, type ValidationStep } from '@astrolabe/core';
import { accountScope, authorizationDetailsArn } from './account-scope';
import { openIamSession, type IamSession } from './iam-client';
import { awsErrorCode, callIam, IamCallError, type IamActionName } from './iam-errors';
import type { awsIamEvidenceKinds, AwsIamConfig, AwsIamSecret } from './manifest';

/** Every permission the manifest asks for, as a type, so the probe table below must match it exactly. */
type AwsIamPermission = (typeof awsIamEvidenceKinds)[number]['permissions'][number];
type ActionOf<P extends AwsIamPermission> = P extends `iam:${infer A extends IamActionName}` ? A : never;

interface ProbeAnswer {
  message: string;
  /** Any ARN of the account the answer showed, to name the connection's scope. */
  accountArn?: string;
}

interface Probe<A extends IamActionName = IamActionName> {
  /** What the step proves; the step name adds the permission it needs. */
  readonly title: string;
  readonly action: A;
  /**
   * IAM error codes that still prove the permission is granted, with what to tell the user:
   * IAM authorizes a call before it looks for the thing asked about.
   */
  readonly grantedDespite?: Readonly<Record<string, string>>;
  send(client: IAMClient, signal: AbortSignal): Promise<ProbeAnswer>;
}

const ALLOWED = 'Allowed';

/**
 * One probe per manifest permission, each the cheapest call that needs it (one item where IAM
 * pages). The mapped type makes a permission added to the manifest without a probe, or a probe
 * calling another action than its permission names, a compile error. Key order is step order:
 * reaching IAM first, then the kinds in the order a user reads them.
 */
const PROBES: { readonly [P in AwsIamPermission]: Probe<ActionOf<P>> } = {
  'iam:GetAccountSummary': {
    title: 'Reach IAM with the configured credentials',
    action: 'GetAccountSummary',
    send: async (client, abortSignal) => {
      const out = await client.send(new GetAccountSummaryCommand({}), { abortSignal });
      return { message: `Connected: ${out.SummaryMap?.['Users'] ?? 0} users, ${out.SummaryMap?.['Roles'] ?? 0} roles` };
    },
  },
  'iam:GetAccountAuthorizationDetails': {
    title: 'Read users, groups, roles and policies',
    action: 'GetAccountAuthorizationDetails',
    send: async (client, abortSignal) => {
      const out = await client.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1 }), { abortSignal });
      const accountArn = authorizationDetailsArn(out);
      return { message: ALLOWED, ...(accountArn ? { accountArn } : {}) };
    },
  },
  'iam:GetAccountPasswordPolicy': {
    title: 'Read the account password policy',
    action: 'GetAccountPasswordPolicy',
    grantedDespite: { NoSuchEntity: `${ALLOWED}: the account has no custom password policy` },
    send: async (client, abortSignal) => {
      const out = await client.send(new GetAccountPasswordPolicyCommand({}), { abortSignal });
      return { message: out.PasswordPolicy ? `${ALLOWED}: a password policy is set` : `${ALLOWED}: the account has no custom password policy` };
    },
  },
  'iam:ListVirtualMFADevices': {
    title: 'List virtual MFA devices',
    action: 'ListVirtualMFADevices',
    send: async (client, abortSignal) => {
      await client.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Any', MaxItems: 1 }), { abortSignal });
      return { message: ALLOWED };
    },
  },
  'iam:ListServerCertificates': {
    title: 'List server certificates',
    action: 'ListServerCertificates',
    send: async (client, abortSignal) => {
      await client.send(new ListServerCertificatesCommand({ MaxItems: 1 }), { abortSignal });
      return { message: ALLOWED };
    },
  },
  'iam:ListEntitiesForPolicy': {
    title: 'List who holds AWSSupportAccess',
    action: 'ListEntitiesForPolicy',
    send: async (client, abortSignal) => {
      await client.send(new ListEntitiesForPolicyCommand({ PolicyArn: SUPPORT_ACCESS_POLICY_ARN, MaxItems: 1 }), { abortSignal });
      return { message: ALLOWED };
    },
  },
  'iam:GenerateCredentialReport': {
    title: 'Generate the credential report',
    action: 'GenerateCredentialReport',
    send: async (client, abortSignal) => {
      const out = await client.send(new GenerateCredentialReportCommand({}), { abortSignal });
      return { message: `Credential report ${out.State === 'COMPLETE' ? 'available' : 'generation started'}` };
    },
  },
  'iam:GetCredentialReport': {
    title: 'Read the credential report',
    action: 'GetCredentialReport',
    // Runs alongside GenerateCredentialReport, so there is usually no finished report to read yet.
    grantedDespite: {
      ReportNotPresent: `${ALLOWED} (no credential report has been generated yet)`,
      ReportInProgress: `${ALLOWED} (the credential report is still being generated)`,
      ReportExpired: `${ALLOWED} (the last credential report has expired)`,
    },
    send: async (client, abortSignal) => {
      await client.send(new GetCredentialReportCommand({}), { abortSignal });
      return { message: `${ALLOWED}: a credential report is available` };
    },
  },
};

/** The call that shows whether credentials and endpoint work at all; the other probes wait for it. */
const REACH_PERMISSION = 'iam:GetAccountSummary' satisfies AwsIamPermission;
// Object.keys loses the key type; PROBES' type guarantees these are exactly the manifest's permissions.
const PERMISSIONS = Object.keys(PROBES) as AwsIamPermission[];

interface ProbeResult {
  step: ValidationStep;
  accountArn?: string;
  /** Credentials or endpoint are the problem: nothing else can succeed. */
  fatal: boolean;
}

async function probe(session: IamSession, permission: AwsIamPermission, signal: AbortSignal): Promise<ProbeResult> {
  const p: Probe = PROBES[permission];
  const name = `${p.title} (${permission})`;
  try {
    const answer = await callIam(p.action, () => p.send(session.client, signal));
    return { step: { name, ok: true, message: answer.message }, ...(answer.accountArn ? { accountArn: answer.accountArn } : {}), fatal: false };
  } catch (err) {
    const code = err instanceof IamCallError ? awsErrorCode(err.cause) : undefined;
    const granted = code ? p.grantedDespite?.[code] : undefined;
    if (granted) return { step: { name, ok: true, message: granted }, fatal: false };
    const c = session.classify(err);
    if (c.kind === 'fatal') return { step: { name, ok: false, message: c.error.hint ? `${c.error.message}\n${c.error.hint}` : c.error.message }, fatal: true };
    return { step: { name, ok: false, message: c.error.message, ...(c.error.missingPermission ? { missingPermission: c.error.missingPermission } : {}) }, fatal: false };
  }
}

/**
 * Proves a connection works before the first scheduled run: one cheap call per permission the
 * manifest lists, so ok means a collection will not be denied anything. Each denied call names
 * the permission to grant; the account is named from the GetAccountAuthorizationDetails page.
 */
export async function validateAwsIam(ctx: ValidateContext<AwsIamConfig, AwsIamSecret>): Promise<ValidationResult> {
  const session = openIamSession(ctx.config, ctx.secret);
  try {
    const reach = await probe(session, REACH_PERMISSION, ctx.signal);
    // Without credentials or an endpoint nothing else can succeed; one clear step says why.
    if (reach.fatal) return { ok: false, steps: [reach.step] };

    const others = await Promise.all(PERMISSIONS.filter((p) => p !== REACH_PERMISSION).map((p) => probe(session, p, ctx.signal)));
    const results = [reach, ...others];
    const accountArn = results.find((r) => r.accountArn)?.accountArn;
    const scope = accountArn ? accountScope(accountArn) : null;
    const steps = results.map((r) => r.step);
    return { ok: steps.every((s) => s.ok), ...(scope ? { scope } : {}), steps };
  } finally {
    session.destroy();
  }
}

import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { accountIdFromArn, accountRootArn, type ResourceRef, type ValidateContext, type ValidationResult, type ValidationStep } from '@astrolabe/core';
import { createIamClient } from './iam-client';
import { callIam, classifyIamError, redactor, type IamActionName } from './iam-errors';
import type { AwsIamConfig, AwsIamSecret } from './manifest';

/**
 * Proves a connection works with three cheap calls before the first scheduled run: credentials
 * and endpoint (GetAccountSummary), a one-item GetAccountAuthorizationDetails page (which also
 * names the account) and GenerateCredentialReport. Each denied call names the permission to grant.
 */
export async function validateAwsIam(ctx: ValidateContext<AwsIamConfig, AwsIamSecret>): Promise<ValidationResult> {
  const client = createIamClient(ctx.config, ctx.secret);
  const redact = redactor(ctx.secret);
  const endpoint = ctx.config.endpointUrl ?? process.env['AWS_ENDPOINT_URL_IAM'] ?? process.env['AWS_ENDPOINT_URL'] ?? 'https://iam.amazonaws.com';
  const opts = { abortSignal: ctx.signal };

  const attempt = async <T>(name: string, action: IamActionName, send: () => Promise<T>, okMessage: (out: T) => string) => {
    try {
      const out = await callIam(action, send);
      return { step: { name, ok: true, message: okMessage(out) } satisfies ValidationStep, out, fatal: false };
    } catch (err) {
      const c = classifyIamError(err, { redact, endpoint });
      const step: ValidationStep =
        c.kind === 'fatal'
          ? { name, ok: false, message: c.error.hint ? `${c.error.message}\n${c.error.hint}` : c.error.message }
          : { name, ok: false, message: c.error.message, ...(c.error.missingPermission ? { missingPermission: c.error.missingPermission } : {}) };
      return { step, out: undefined, fatal: c.kind === 'fatal' };
    }
  };

  try {
    const summary = await attempt(
      'Reach IAM with the configured credentials',
      'GetAccountSummary',
      () => client.send(new GetAccountSummaryCommand({}), opts),
      (out) => `Connected: ${out.SummaryMap?.['Users'] ?? 0} users, ${out.SummaryMap?.['Roles'] ?? 0} roles`,
    );
    // Without credentials or an endpoint nothing else can succeed; one clear step says why.
    if (summary.fatal) return { ok: false, steps: [summary.step] };

    const [details, report] = await Promise.all([
      attempt(
        'Read users, groups, roles and policies',
        'GetAccountAuthorizationDetails',
        () => client.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1 }), opts),
        () => 'GetAccountAuthorizationDetails allowed',
      ),
      attempt(
        'Generate the credential report',
        'GenerateCredentialReport',
        () => client.send(new GenerateCredentialReportCommand({}), opts),
        (out) => `Credential report ${out.State === 'COMPLETE' ? 'available' : 'generation started'}`,
      ),
    ]);

    const d = details.out;
    const arn = d?.UserDetailList?.[0]?.Arn ?? d?.GroupDetailList?.[0]?.Arn ?? d?.RoleDetailList?.[0]?.Arn;
    const accountId = arn ? accountIdFromArn(arn) : null;
    const scope: ResourceRef | undefined = accountId ? { id: accountRootArn(accountId), type: 'aws:account', name: accountId } : undefined;
    const steps = [summary.step, details.step, report.step];
    return { ok: steps.every((s) => s.ok), ...(scope ? { scope } : {}), steps };
  } finally {
    client.destroy();
  }
}

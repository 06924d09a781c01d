import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { accountIdFromArn, accountRootArn, type CollectContext, type ConnectorError } from '@astrolabe/core';
import { createIamClient } from './iam-client';
import { classifyIamError, redactor } from './iam-errors';
import type { AwsIamConfig, AwsIamSecret } from './manifest';
import { accountSummaryStep, passwordPolicyStep } from './steps/account-steps';
import { authorizationDetailsStep } from './steps/authorization-details-step';
import { ACCOUNT_RESOURCE, type CollectStep, type Emission, type StepIo } from './steps/collect-step';
import { credentialReportStep } from './steps/credential-report-step';
import { serverCertificatesStep, supportAccessStep, virtualMfaDevicesStep } from './steps/list-steps';

/** Independent of each other, so they run concurrently; each feeds its own evidence kinds. */
export const COLLECT_STEPS: readonly CollectStep[] = [
  credentialReportStep,
  accountSummaryStep,
  passwordPolicyStep,
  authorizationDetailsStep,
  virtualMfaDevicesStep,
  serverCertificatesStep,
  supportAccessStep,
];

/**
 * Collects every aws-iam evidence kind with account-level calls only. A failing call fails the
 * kinds that depend on it and nothing else; missing credentials or an unreachable endpoint stop
 * the whole run with a ConnectorError carrying a hint.
 */
export async function collectAwsIam(ctx: CollectContext<AwsIamConfig, AwsIamSecret>): Promise<void> {
  const client = createIamClient(ctx.config, ctx.secret);
  const redact = redactor(ctx.secret);
  const endpoint = ctx.config.endpointUrl ?? process.env['AWS_ENDPOINT_URL_IAM'] ?? process.env['AWS_ENDPOINT_URL'] ?? 'https://iam.amazonaws.com';
  // Aborted by the caller, or by us when a fatal error makes the other calls pointless.
  const stop = new AbortController();
  // Every in-flight SDK request (seven steps, their pages and retries) listens on this signal.
  setMaxListeners(64, stop.signal);
  const onCallerAbort = (): void => stop.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onCallerAbort();
  else ctx.signal.addEventListener('abort', onCallerAbort, { once: true });

  // Set from the first ARN any step sees (GAAD's first page usually), then never changed.
  const account: { id: string | null } = { id: null };
  const io: StepIo = {
    client,
    signal: stop.signal,
    sleep: (ms) => sleep(ms, undefined, { signal: stop.signal }),
    noteArn: (arn) => {
      if (account.id) return;
      account.id = accountIdFromArn(arn);
      if (account.id) ctx.identify({ id: accountRootArn(account.id), type: 'aws:account', name: account.id });
    },
  };

  const outcome: { fatal: ConnectorError | null } = { fatal: null };
  let done = 0;
  const emissions: Emission[] = [];
  try {
    await Promise.all(
      COLLECT_STEPS.map(async (step) => {
        try {
          emissions.push(...(await step.run(io)));
        } catch (err) {
          if (stop.signal.aborted) return; // a fatal error or the caller already ended the run
          const classified = classifyIamError(err, { redact, endpoint });
          if (classified.kind === 'fatal') {
            outcome.fatal = classified.error;
            stop.abort(classified.error);
            return;
          }
          ctx.logger.warn('aws-iam evidence kinds not collected', { kinds: step.kinds, code: classified.error.code, message: classified.error.message });
          for (const kind of step.kinds) ctx.fail(kind, classified.error);
        } finally {
          ctx.progress(++done, COLLECT_STEPS.length, `collected ${step.title}`);
        }
      }),
    );
  } finally {
    ctx.signal.removeEventListener('abort', onCallerAbort);
    client.destroy();
  }
  if (outcome.fatal) throw outcome.fatal;
  if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('collection aborted');

  const rootArn = account.id ? accountRootArn(account.id) : null;
  if (!rootArn) ctx.logger.warn('aws-iam could not tell the account id (no ARN in any response); account-level evidence is keyed "aws:account"');
  for (const e of emissions) ctx.emit(e.kind, e.resourceId === ACCOUNT_RESOURCE ? (rootArn ?? 'aws:account') : e.resourceId, e.data);
}

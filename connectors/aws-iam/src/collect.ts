import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CollectContext, ConnectorError, ResourceRef } from '@astrolabe/core';
import { accountScope } from './account-scope';
import { openIamSession } from './iam-client';
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
 * kinds that depend on it and nothing else — a connection lost mid-run included; missing
 * credentials, or an endpoint that never answered, stop the whole run with a ConnectorError
 * carrying a hint.
 */
export async function collectAwsIam(ctx: CollectContext<AwsIamConfig, AwsIamSecret>): Promise<void> {
  const session = openIamSession(ctx.config, ctx.secret);
  // Aborted by the caller, or by us when a fatal error makes the other calls pointless.
  const stop = new AbortController();
  // Every in-flight SDK request (seven steps, their pages and retries) listens on this signal.
  setMaxListeners(64, stop.signal);
  const onCallerAbort = (): void => stop.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onCallerAbort();
  else ctx.signal.addEventListener('abort', onCallerAbort, { once: true });

  // Set from the first ARN any step sees (GAAD's first page usually), then never changed.
  const account: { scope: ResourceRef | null } = { scope: null };
  const io: StepIo = {
    client: session.client,
    signal: stop.signal,
    sleep: (ms) => sleep(ms, undefined, { signal: stop.signal }),
    noteArn: (arn) => {
      if (account.scope) return;
      account.scope = accountScope(arn);
      if (account.scope) ctx.identify(account.scope);
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
          const classified = session.classify(err);
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
    session.destroy();
  }
  if (outcome.fatal) throw outcome.fatal;
  if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('collection aborted');

  const rootArn = account.scope?.id ?? null;
  if (!rootArn) ctx.logger.warn('aws-iam could not tell the account id (no ARN in any response); account-level evidence is keyed "aws:account"');
  for (const e of emissions) ctx.emit(e.kind, e.resourceId === ACCOUNT_RESOURCE ? (rootArn ?? 'aws:account') : e.resourceId, e.data);
}

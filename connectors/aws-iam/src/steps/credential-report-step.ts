import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { AWS_IAM_KINDS, credentialReportRowSchema, type CredentialReportRow } from '@astrolabe/core';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { awsErrorCode, callIam, IamCallError } from '../iam-errors';
import type { CollectStep, Emission, StepIo } from './collect-step';

/** Real accounts with thousands of users take tens of seconds to build a report. */
const REPORT_TIMEOUT_MS = 5 * 60_000;
const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 5_000;
/** The report was not ready or went stale between our calls: generate (or wait) again. */
const NOT_READY = new Set(['ReportInProgress', 'ReportNotPresent', 'ReportExpired']);

const rowsSchema = z.array(credentialReportRowSchema);

export function parseCredentialReport(csv: string): CredentialReportRow[] {
  return rowsSchema.parse(parse(csv, { columns: true, skip_empty_lines: true, trim: false }));
}

async function fetchReportCsv(io: StepIo): Promise<string> {
  const deadline = Date.now() + REPORT_TIMEOUT_MS;
  let wait = FIRST_POLL_MS;
  for (;;) {
    const generated = await callIam('GenerateCredentialReport', () => io.client.send(new GenerateCredentialReportCommand({}), { abortSignal: io.signal }));
    if (generated.State === 'COMPLETE') {
      try {
        const report = await callIam('GetCredentialReport', () => io.client.send(new GetCredentialReportCommand({}), { abortSignal: io.signal }));
        return Buffer.from(report.Content ?? new Uint8Array()).toString('utf8');
      } catch (err) {
        const code = err instanceof IamCallError ? awsErrorCode(err.cause) : undefined;
        if (!code || !NOT_READY.has(code)) throw err;
      }
    }
    if (Date.now() + wait > deadline) throw new Error(`the credential report was not ready after ${REPORT_TIMEOUT_MS / 60_000} minutes`);
    await io.sleep(wait);
    wait = Math.min(wait * 2, MAX_POLL_MS);
  }
}

/** GenerateCredentialReport, poll until COMPLETE, GetCredentialReport: one row per user plus root. */
export const credentialReportStep: CollectStep = {
  title: 'credential report',
  kinds: [AWS_IAM_KINDS.credentialReportRow],
  async run(io) {
    const rows = parseCredentialReport(await fetchReportCsv(io));
    const out: Emission[] = [];
    for (const row of rows) {
      const arn = row['arn'];
      if (!arn) continue;
      io.noteArn(arn);
      out.push({ kind: AWS_IAM_KINDS.credentialReportRow, resourceId: arn, data: row });
    }
    return out;
  },
};

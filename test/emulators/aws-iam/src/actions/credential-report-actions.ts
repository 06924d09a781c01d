import { credentialReportCsv } from '../credential-report';
import { IamError } from '../iam-error';
import type { IamModel } from '../iam-model';
import type { ActionHandler } from './action-context';

const REPORT_TTL_MS = 4 * 3_600_000;

interface Report {
  content: string;
  generated: Date;
}

/**
 * Credential report lifecycle as IAM runs it: GenerateCredentialReport starts a job (STARTED),
 * later calls see INPROGRESS, then COMPLETE once `delayMs` has passed; a report is reused for
 * four hours. GetCredentialReport before any generation answers ReportNotPresent.
 */
export class CredentialReportState {
  private generationStartedAt: Date | null = null;
  private report: Report | null = null;

  constructor(
    private readonly model: IamModel,
    private readonly delayMs: number,
  ) {}

  generate(now: Date): { state: 'STARTED' | 'INPROGRESS' | 'COMPLETE'; description?: string } {
    this.settle(now);
    if (this.generationStartedAt) return { state: 'INPROGRESS' };
    if (this.report && now.getTime() - this.report.generated.getTime() < REPORT_TTL_MS) return { state: 'COMPLETE' };
    const description = this.report ? 'Report is expired. Starting a new report generation task' : 'No report exists. Starting a new report generation task';
    this.generationStartedAt = now;
    this.settle(now);
    return { state: 'STARTED', description };
  }

  get(now: Date): Report {
    this.settle(now);
    if (this.report) return this.report;
    if (this.generationStartedAt) throw new IamError(404, 'ReportInProgress', 'Credential report is being generated.');
    throw new IamError(410, 'ReportNotPresent', 'Unable to find credential report. Use GenerateCredentialReport to generate one.');
  }

  private settle(now: Date): void {
    if (!this.generationStartedAt) return;
    const readyAt = this.generationStartedAt.getTime() + this.delayMs;
    if (now.getTime() < readyAt) return;
    this.report = { content: credentialReportCsv(this.model), generated: new Date(readyAt) };
    this.generationStartedAt = null;
  }
}

export const generateCredentialReport: ActionHandler = ({ reports, now }) => {
  const { state, description } = reports.generate(now());
  return { State: state, Description: description };
};

export const getCredentialReport: ActionHandler = ({ reports, now }) => {
  const report = reports.get(now());
  return { Content: Buffer.from(report.content, 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: report.generated };
};

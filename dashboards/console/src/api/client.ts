import type {
  ACTOR_HEADER as CONTRACT_ACTOR_HEADER,
  AuditCsvQuery,
  AuditLogQuery,
  AuditPage,
  AuditVerification,
  CheckView,
  Connection,
  ConnectorInfo,
  ControlDetail,
  ControlPage,
  ControlsQuery,
  ControlView,
  CreateConnectionBody,
  CreateControlBody,
  CreateExceptionBody,
  EvidenceView,
  ExceptionPage,
  ExceptionState,
  ExceptionView,
  FindingsQuery,
  FindingView,
  FrameworkDetail,
  FrameworkHistory,
  FrameworkView,
  ManualEvidenceView,
  MemberView,
  MyWork,
  Overview,
  Problem,
  Run,
  SlaDays,
  TrustLabelValue,
  ValidationResultView as ValidationResult,
  Workspace,
} from '@astrolabe/api-contract';

// Typed fetch wrapper for /api/v1. The console is served on the same origin as the API, so
// every path is relative and cookies (sessions, later) travel without CORS configuration.

const BASE = '/api/v1';

export type FindingStatus = FindingView['status'];
export type ControlStatus = ControlView['status'];
export type RunState = Run['state'];
export type Severity = CheckView['severity'];
export type ConnectionHealth = Connection['health'];

export interface ListResponse<T> {
  items: T[];
}

export interface PageResponse<T> extends ListResponse<T> {
  nextCursor: string | null;
}

export type { ValidationResult };
export type { ValidationStepView as ValidationStep } from '@astrolabe/api-contract';

export type { ControlsQuery, CreateConnectionBody, CreateControlBody, EvidenceView, FindingsQuery, SlaDays };

/** A check as the catalog describes it (GET /checks): no workspace counts. */
export type CatalogCheck = Omit<CheckView, 'counts'>;

/** What a member may do to an exception; "withdraw" is the requester revoking their own request. */
export type ExceptionDecision = 'approve' | 'reject' | 'revoke' | 'withdraw';
const DECISION_ROUTE: Record<ExceptionDecision, string> = { approve: 'approve', reject: 'reject', revoke: 'revoke', withdraw: 'revoke' };
export type EvidenceState = ControlView['evidence'][number]['state'];
export type MemberRole = MemberView['role'];
export interface CreateMemberBody {
  displayName: string;
  email: string;
  role: MemberRole;
}

/** Every failed call surfaces as an RFC 7807 problem, even when the server (or a proxy) did not send one. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field errors keyed by their dotted path (`config.region`, `schedule`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message}` : e.message;
    return out;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['title'] === 'string' && typeof v['status'] === 'number';
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Who is acting, until sign-in exists: the console's "Acting as" choice. Every mutation carries it
 * in this header (the server's ACTOR_HEADER); reads do not need it.
 */
export const ACTOR_HEADER: typeof CONTRACT_ACTOR_HEADER = 'x-astrolabe-member';
let actingMemberId: string | null = null;

export function setActingMember(memberId: string | null): void {
  actingMemberId = memberId;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function requestHeaders(method: Method, body: unknown): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  // A FormData body sets its own multipart boundary; anything else is sent as JSON.
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && actingMemberId) headers[ACTOR_HEADER] = actingMemberId;
  return headers;
}

async function request<T>(method: Method, path: string, options: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  const { body } = options;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      signal: options.signal,
      credentials: 'same-origin',
      headers: requestHeaders(method, body),
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch (err) {
    // An abort is the caller's own doing; anything else means the server is unreachable.
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Server unreachable', status: 0, detail: 'The Astrolabe API did not answer. Is the server running?' });
  }
  const payload = await readBody(res);
  if (!res.ok) {
    throw new ApiError(
      isProblem(payload)
        ? payload
        : { type: 'about:blank', title: res.statusText || 'Request failed', status: res.status, detail: typeof payload === 'string' ? payload.slice(0, 300) : undefined },
    );
  }
  return payload as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
const enc = encodeURIComponent;

export const api = {
  workspaces: (signal?: AbortSignal) => request<ListResponse<Workspace>>('GET', '/workspaces', { signal }),
  overview: (workspaceId: string, signal?: AbortSignal) => request<Overview>('GET', `${ws(workspaceId)}/overview`, { signal }),
  catalogChecks: (signal?: AbortSignal) => request<ListResponse<CatalogCheck>>('GET', '/checks', { signal }),
  checks: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<CheckView>>('GET', `${ws(workspaceId)}/checks`, { signal }),
  check: (workspaceId: string, checkId: string, signal?: AbortSignal) => request<CheckView>('GET', `${ws(workspaceId)}/checks/${enc(checkId)}`, { signal }),
  findings: (workspaceId: string, q: FindingsQuery, signal?: AbortSignal) =>
    request<PageResponse<FindingView>>('GET', `${ws(workspaceId)}/findings${query({ ...q })}`, { signal }),
  controls: (workspaceId: string, q: ControlsQuery = {}, signal?: AbortSignal) =>
    request<ControlPage>('GET', `${ws(workspaceId)}/controls${query({ ...q })}`, { signal }),
  control: (workspaceId: string, controlId: string, signal?: AbortSignal) => request<ControlDetail>('GET', `${ws(workspaceId)}/controls/${enc(controlId)}`, { signal }),
  /** The console sends its draft as typed (an unchosen category is ''); the server answers with field errors. */
  createControl: (workspaceId: string, body: Omit<CreateControlBody, 'category'> & { category: CreateControlBody['category'] | '' }) => request<ControlDetail>('POST', `${ws(workspaceId)}/controls`, { body }),
  updateControl: (workspaceId: string, controlId: string, body: { ownerId?: string | null; trustLabel?: TrustLabelValue | null }) =>
    request<ControlDetail>('PATCH', `${ws(workspaceId)}/controls/${enc(controlId)}`, { body }),
  controlEvidence: (workspaceId: string, controlId: string, signal?: AbortSignal) =>
    request<ListResponse<ManualEvidenceView>>('GET', `${ws(workspaceId)}/controls/${enc(controlId)}/evidence`, { signal }),
  /** multipart/form-data: requirementId, effectiveOn, reviewerId, note, and a `file` part or a `url` field. */
  addControlEvidence: (workspaceId: string, controlId: string, form: FormData) =>
    request<ManualEvidenceView>('POST', `${ws(workspaceId)}/controls/${enc(controlId)}/evidence`, { body: form }),
  controlEvidenceFileUrl: (workspaceId: string, controlId: string, evidenceId: string) => `${BASE}${ws(workspaceId)}/controls/${enc(controlId)}/evidence/${enc(evidenceId)}/file`,
  frameworks: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<FrameworkView>>('GET', `${ws(workspaceId)}/frameworks`, { signal }),
  framework: (workspaceId: string, frameworkId: string, signal?: AbortSignal) => request<FrameworkDetail>('GET', `${ws(workspaceId)}/frameworks/${enc(frameworkId)}`, { signal }),
  frameworkHistory: (workspaceId: string, frameworkId: string, days: number, signal?: AbortSignal) =>
    request<FrameworkHistory>('GET', `${ws(workspaceId)}/frameworks/${enc(frameworkId)}/history${query({ days })}`, { signal }),
  setFrameworkEnabled: (workspaceId: string, frameworkId: string, enabled: boolean) =>
    request<FrameworkDetail>('PUT', `${ws(workspaceId)}/frameworks/${enc(frameworkId)}`, { body: { enabled } }),
  /** Requirement ids carry dots and parentheses (`164.308(a)(1)`): always encoded. */
  setRequirementScope: (workspaceId: string, frameworkId: string, requirementId: string, body: { inScope: true } | { inScope: false; justification: string }) =>
    request<FrameworkDetail>('PUT', `${ws(workspaceId)}/frameworks/${enc(frameworkId)}/requirements/${enc(requirementId)}/scope`, { body }),
  mapControl: (workspaceId: string, frameworkId: string, requirementId: string, controlId: string) =>
    request<FrameworkDetail>('POST', `${ws(workspaceId)}/frameworks/${enc(frameworkId)}/requirements/${enc(requirementId)}/controls`, { body: { controlId } }),
  /** Only mappings the workspace added (the requirement's customControlIds); built-in ones are refused. */
  unmapControl: (workspaceId: string, frameworkId: string, requirementId: string, controlId: string) =>
    request<FrameworkDetail>('DELETE', `${ws(workspaceId)}/frameworks/${enc(frameworkId)}/requirements/${enc(requirementId)}/controls/${enc(controlId)}`),
  exceptions: (workspaceId: string, q: { state?: ExceptionState; controlId?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    request<ExceptionPage>('GET', `${ws(workspaceId)}/exceptions${query({ ...q })}`, { signal }),
  exception: (workspaceId: string, exceptionId: string, signal?: AbortSignal) => request<ExceptionView>('GET', `${ws(workspaceId)}/exceptions/${enc(exceptionId)}`, { signal }),
  requestException: (workspaceId: string, body: CreateExceptionBody) => request<ExceptionView>('POST', `${ws(workspaceId)}/exceptions`, { body }),
  decideException: (workspaceId: string, exceptionId: string, decision: ExceptionDecision, note: string) =>
    request<ExceptionView>('POST', `${ws(workspaceId)}/exceptions/${enc(exceptionId)}/${DECISION_ROUTE[decision]}`, { body: { note } }),
  members: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<MemberView>>('GET', `${ws(workspaceId)}/members`, { signal }),
  createMember: (workspaceId: string, body: CreateMemberBody) => request<MemberView>('POST', `${ws(workspaceId)}/members`, { body }),
  updateMemberRole: (workspaceId: string, memberId: string, role: MemberRole) => request<MemberView>('PATCH', `${ws(workspaceId)}/members/${enc(memberId)}`, { body: { role } }),
  sla: (workspaceId: string, signal?: AbortSignal) => request<SlaDays>('GET', `${ws(workspaceId)}/settings/sla`, { signal }),
  setSla: (workspaceId: string, body: SlaDays) => request<SlaDays>('PUT', `${ws(workspaceId)}/settings/sla`, { body }),
  memberWork: (workspaceId: string, memberId: string, signal?: AbortSignal) => request<MyWork>('GET', `${ws(workspaceId)}/members/${enc(memberId)}/work`, { signal }),
  connectors: (signal?: AbortSignal) => request<ListResponse<ConnectorInfo>>('GET', '/connectors', { signal }),
  connections: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<Connection>>('GET', `${ws(workspaceId)}/connections`, { signal }),
  createConnection: (workspaceId: string, body: CreateConnectionBody) => request<Connection>('POST', `${ws(workspaceId)}/connections`, { body }),
  validateConnection: (workspaceId: string, connectionId: string) =>
    request<ValidationResult>('POST', `${ws(workspaceId)}/connections/${enc(connectionId)}/validate`, { body: {} }),
  runNow: (workspaceId: string, connectionId: string) => request<Run>('POST', `${ws(workspaceId)}/connections/${enc(connectionId)}/runs`, { body: {} }),
  connectionRuns: (workspaceId: string, connectionId: string, signal?: AbortSignal) =>
    request<ListResponse<Run>>('GET', `${ws(workspaceId)}/connections/${enc(connectionId)}/runs`, { signal }),
  run: (workspaceId: string, runId: string, signal?: AbortSignal) => request<Run>('GET', `${ws(workspaceId)}/runs/${enc(runId)}`, { signal }),
  evidence: (workspaceId: string, hash: string, signal?: AbortSignal) => request<EvidenceView>('GET', `${ws(workspaceId)}/evidence/${enc(hash)}`, { signal }),
  auditLog: (workspaceId: string, q: AuditLogQuery, signal?: AbortSignal) => request<AuditPage>('GET', `${ws(workspaceId)}/audit-log${query({ ...q })}`, { signal }),
  verifyAuditLog: (workspaceId: string) => request<AuditVerification>('GET', `${ws(workspaceId)}/audit-log/verify`),
  /** A plain link (the browser downloads it): every row matching the filters, as CSV. */
  auditLogCsvUrl: (workspaceId: string, q: AuditCsvQuery) => `${BASE}${ws(workspaceId)}/audit-log.csv${query({ ...q })}`,
};

export const TERMINAL_RUN_STATES: readonly RunState[] = ['succeeded', 'partial', 'failed'];
export const isTerminal = (state: RunState): boolean => TERMINAL_RUN_STATES.includes(state);

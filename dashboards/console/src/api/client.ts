import { CSRF_HEADER } from '@astrolabe/api-contract';
import type {
  apiTokenSchema,
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
  createdInvitationSchema,
  createdTokenSchema,
  EvidenceView,
  ExceptionPage,
  ExceptionState,
  ExceptionView,
  FindingsQuery,
  FindingView,
  FrameworkDetail,
  FrameworkHistory,
  FrameworkView,
  invitationPreviewSchema,
  invitationSchema,
  ManualEvidenceView,
  MemberView,
  MyWork,
  Overview,
  Problem,
  Run,
  SessionView,
  signInOptionsSchema,
  SlaDays,
  ssoConfigBody,
  ssoConfigSchema,
  ssoDiscoverySchema,
  TrustLabelValue,
  ValidationResultView as ValidationResult,
  Workspace,
} from '@astrolabe/api-contract';
import type { z } from 'zod';

// Typed fetch wrapper for /api/v1. The console is served on the same origin as the API, so
// every path is relative and the session cookie travels without CORS configuration.

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
export interface UpdateMemberBody {
  role?: MemberRole;
  accessStartsAt?: string | null;
  accessEndsAt?: string | null;
}

export type { SessionView };
export type Membership = SessionView['memberships'][number];
export type SignInOptions = z.infer<typeof signInOptionsSchema>;
export type DemoPersona = NonNullable<SignInOptions['demo']>['members'][number];
export type SsoDiscovery = z.infer<typeof ssoDiscoverySchema>;
export type InvitationView = z.infer<typeof invitationSchema>;
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
export type ApiTokenView = z.infer<typeof apiTokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export interface CreateInvitationBody {
  email: string;
  role: MemberRole;
  accessStartsAt?: string;
  accessEndsAt?: string;
}
/** A workspace's OIDC settings as the server shows them: the client secret is write-only (`clientSecretSet`). */
export type SsoConfig = z.infer<typeof ssoConfigSchema>;
/** Omit `clientSecret` on an update to keep the stored one. */
export type SsoConfigBody = z.input<typeof ssoConfigBody>;
/** The roles SSO may give people who join through it (never owner or admin). */
export type SsoDefaultRole = z.output<typeof ssoConfigBody>['defaultRole'];
export interface CreateTokenBody {
  name: string;
  role: MemberRole;
  expiresAt?: string;
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

// The session lives in an httpOnly cookie the browser sends by itself; what the console keeps is
// the CSRF token that must accompany every change made with that cookie, and a way to tell the
// app when the server no longer knows the session (401), so it can show the sign-in page.
let csrfToken: string | null = null;
let signedInUserId: string | null = null;
let onSignedOut: (() => void) | null = null;
let onSessionRefreshed: ((session: SessionView) => void) | null = null;

/** Remembers the session's CSRF token (null once signed out). */
export function rememberSession(session: SessionView | null): void {
  csrfToken = session?.csrfToken ?? null;
  signedInUserId = session?.user.id ?? null;
}

/** Who to tell when a call comes back 401, and when the session was re-read after a CSRF refusal. */
export function setSessionListeners(listeners: { signedOut: () => void; refreshed: (session: SessionView) => void } | null): void {
  onSignedOut = listeners?.signedOut ?? null;
  onSessionRefreshed = listeners?.refreshed ?? null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Sign-in calls answer 401 for a wrong password or an unknown session: that is their answer,
   * not a sign that the user was signed out while working.
   */
  anonymous?: boolean;
}

function requestHeaders(method: Method, body: unknown): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  // A FormData body sets its own multipart boundary; anything else is sent as JSON.
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  return headers;
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const { body } = options;
  try {
    return await fetch(`${BASE}${path}`, {
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
}

function toError(res: Response, payload: unknown): ApiError {
  return new ApiError(
    isProblem(payload)
      ? payload
      : { type: 'about:blank', title: res.statusText || 'Request failed', status: res.status, detail: typeof payload === 'string' ? payload.slice(0, 300) : undefined },
  );
}

/** A 403 that is about the CSRF header, not about the role: the session changed under the page (another tab signed in). */
const isCsrfRefusal = (res: Response, payload: unknown) => res.status === 403 && isProblem(payload) && (payload.detail ?? '').includes(CSRF_HEADER);

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, options);
  let payload = await readBody(res);
  if (!options.anonymous && method !== 'GET' && isCsrfRefusal(res, payload)) {
    // Re-read the session and let the app know. Only when it is still the same person is the
    // change sent again (with the new token): a change is never made as someone else than the
    // person who asked for it.
    const session = await send('GET', '/auth/session', {});
    if (session.ok) {
      const fresh = (await readBody(session)) as SessionView;
      const samePerson = fresh.user.id === signedInUserId;
      rememberSession(fresh);
      onSessionRefreshed?.(fresh);
      if (samePerson) {
        res = await send(method, path, options);
        payload = await readBody(res);
      }
    } else if (session.status === 401) {
      res = session;
      payload = await readBody(session);
    }
  }
  if (res.status === 401 && !options.anonymous) {
    // A request that left with the cookie of a session just replaced (a persona switch, a sign-in
    // in another tab) comes back 401 although someone is signed in: ask before signing out.
    const session = await send('GET', '/auth/session', {});
    if (session.ok) {
      const fresh = (await readBody(session)) as SessionView;
      const samePerson = fresh.user.id === signedInUserId;
      rememberSession(fresh);
      onSessionRefreshed?.(fresh);
      // Reads are sent again as whoever is signed in now; a change only for the same person.
      if (method === 'GET' || samePerson) {
        res = await send(method, path, options);
        payload = await readBody(res);
      }
    } else {
      rememberSession(null);
      onSignedOut?.();
    }
  }
  if (!res.ok) throw toError(res, payload);
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
  signInOptions: (signal?: AbortSignal) => request<SignInOptions>('GET', '/auth/options', { signal, anonymous: true }),
  /** 401 when nobody is signed in. */
  session: (signal?: AbortSignal) => request<SessionView>('GET', '/auth/session', { signal, anonymous: true }),
  login: (email: string, password: string) => request<SessionView>('POST', '/auth/login', { body: { email, password }, anonymous: true }),
  demoLogin: (memberId: string) => request<SessionView>('POST', '/auth/demo', { body: { memberId }, anonymous: true }),
  logout: () => request<void>('POST', '/auth/logout', { anonymous: true }),
  logoutEverywhere: () => request<{ ended: number }>('POST', '/auth/logout-all', { anonymous: true }),
  ssoDiscover: (email: string, signal?: AbortSignal) => request<SsoDiscovery>('GET', `/auth/sso/discover${query({ email })}`, { signal, anonymous: true }),
  invitationPreview: (token: string, signal?: AbortSignal) => request<InvitationPreview>('GET', `/invitations/preview${query({ token })}`, { signal, anonymous: true }),
  acceptInvitation: (body: { token: string; displayName?: string; password: string }) => request<SessionView>('POST', '/invitations/accept', { body, anonymous: true }),
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
  updateMember: (workspaceId: string, memberId: string, body: UpdateMemberBody) => request<MemberView>('PATCH', `${ws(workspaceId)}/members/${enc(memberId)}`, { body }),
  invitations: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<InvitationView>>('GET', `${ws(workspaceId)}/invitations`, { signal }),
  createInvitation: (workspaceId: string, body: CreateInvitationBody) => request<CreatedInvitation>('POST', `${ws(workspaceId)}/invitations`, { body }),
  revokeInvitation: (workspaceId: string, invitationId: string) => request<InvitationView>('POST', `${ws(workspaceId)}/invitations/${enc(invitationId)}/revoke`, { body: {} }),
  tokens: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<ApiTokenView>>('GET', `${ws(workspaceId)}/tokens`, { signal }),
  createToken: (workspaceId: string, body: CreateTokenBody) => request<CreatedToken>('POST', `${ws(workspaceId)}/tokens`, { body }),
  revokeToken: (workspaceId: string, tokenId: string) => request<ApiTokenView>('POST', `${ws(workspaceId)}/tokens/${enc(tokenId)}/revoke`, { body: {} }),
  /** `null` while single sign-on is off. */
  ssoConfig: (workspaceId: string, signal?: AbortSignal) => request<SsoConfig | null>('GET', `${ws(workspaceId)}/sso`, { signal }),
  setSsoConfig: (workspaceId: string, body: SsoConfigBody) => request<SsoConfig>('PUT', `${ws(workspaceId)}/sso`, { body }),
  removeSsoConfig: (workspaceId: string) => request<void>('DELETE', `${ws(workspaceId)}/sso`),
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

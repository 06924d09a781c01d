import type {
  CheckView,
  Connection,
  ConnectorInfo,
  ControlView,
  FindingView,
  FrameworkView,
  Overview,
  Problem,
  CreateConnectionBody,
  EvidenceView,
  FindingsQuery,
  Run,
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

export type { CreateConnectionBody, EvidenceView, FindingsQuery };

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

async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      signal: options.signal,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json, application/problem+json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (err) {
    // An abort is the caller's own doing; anything else means the server is unreachable.
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Server unreachable', status: 0, detail: 'The Astrolabe API did not answer. Is the server running?' });
  }
  const body = await readBody(res);
  if (!res.ok) {
    throw new ApiError(
      isProblem(body)
        ? body
        : { type: 'about:blank', title: res.statusText || 'Request failed', status: res.status, detail: typeof body === 'string' ? body.slice(0, 300) : undefined },
    );
  }
  return body as T;
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
  checks: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<CheckView>>('GET', `${ws(workspaceId)}/checks`, { signal }),
  check: (workspaceId: string, checkId: string, signal?: AbortSignal) => request<CheckView>('GET', `${ws(workspaceId)}/checks/${enc(checkId)}`, { signal }),
  findings: (workspaceId: string, q: FindingsQuery, signal?: AbortSignal) =>
    request<PageResponse<FindingView>>('GET', `${ws(workspaceId)}/findings${query({ ...q })}`, { signal }),
  controls: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<ControlView>>('GET', `${ws(workspaceId)}/controls`, { signal }),
  frameworks: (workspaceId: string, signal?: AbortSignal) => request<ListResponse<FrameworkView>>('GET', `${ws(workspaceId)}/frameworks`, { signal }),
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
};

export const TERMINAL_RUN_STATES: readonly RunState[] = ['succeeded', 'partial', 'failed'];
export const isTerminal = (state: RunState): boolean => TERMINAL_RUN_STATES.includes(state);

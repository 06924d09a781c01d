// The scoring bench's program: a workspace, members, connections and custom controls created
// through the API as a user would, then grown to scale with set-based SQL (scoring-dataset.ts).
import { SystemDb } from '../../apps/server/src/database/system-db';
import { createAccount, mintMemberSession, signIn, type FixtureQuery } from '../../apps/server/test/support/sessions';
import { RegistryRef } from '../../apps/server/src/platform/registry.provider';
import type { RunningServer } from '../../apps/server/src/server';
import { buildDataset, type DatasetSummary } from './scoring-dataset';

export interface BenchApi {
  call: <T>(method: string, path: string, body?: unknown, actor?: string) => Promise<T>;
  /** GET, body read in full; the elapsed milliseconds. Throws on a non-200 status. */
  timedGet: (path: string) => Promise<number>;
}

/** Who the bench acts as: an owner signed in through the API, and sessions minted for members. */
export interface BenchAuth {
  owner: Record<string, string>;
  as: (memberId: string) => Promise<Record<string, string>>;
}

export async function benchAuth(server: RunningServer): Promise<BenchAuth> {
  const system = server.app.get(SystemDb).dataSource;
  const query: FixtureQuery = <T>(sql: string, params: unknown[] = []) => system.query(sql, params) as Promise<T[]>;
  const owner = { email: 'owner@bench.example', password: 'bench owner password' };
  await createAccount(query, { ...owner, displayName: 'Olivia Owner' });
  const sessions = new Map<string, Promise<Record<string, string>>>();
  return {
    owner: await signIn(server.url, owner.email, owner.password),
    as: (memberId) => {
      let s = sessions.get(memberId);
      if (!s) sessions.set(memberId, (s = mintMemberSession(query, memberId)));
      return s;
    },
  };
}

export function benchApi(baseUrl: string, auth: BenchAuth): BenchApi {
  return {
    call: async <T>(method: string, path: string, body?: unknown, actor?: string): Promise<T> => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(actor ? await auth.as(actor) : auth.owner) };
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
      return JSON.parse(text) as T;
    },
    timedGet: async (path: string): Promise<number> => {
      const t = performance.now();
      const res = await fetch(`${baseUrl}${path}`, { headers: auth.owner });
      await res.arrayBuffer();
      const elapsed = performance.now() - t;
      if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
      return elapsed;
    },
  };
}

export interface ProgramSize {
  findings: number;
  connections: number;
  customControls: number;
}

export interface SeededProgram {
  workspaceId: string;
  memberCount: number;
  apiMs: number;
  sqlMs: number;
  summary: DatasetSummary;
}

export async function seedBenchProgram(server: RunningServer, auth: BenchAuth, size: ProgramSize): Promise<SeededProgram> {
  const api = benchApi(server.url, auth);
  // Bulk set-up as the owner, as a migration would: across row-level security, and VACUUM needs the table owner.
  const ds = server.app.get(SystemDb).dataSource;
  const { registry } = server.app.get(RegistryRef);

  const t0 = performance.now();
  const ws = await api.call<{ id: string }>('POST', '/api/v1/workspaces', { slug: 'bench-scoring', name: 'Scoring bench' });
  const base = `/api/v1/workspaces/${ws.id}`;
  const owner = (await api.call<{ items: { id: string }[] }>('GET', `${base}/members`)).items[0]?.id;
  if (!owner) throw new Error('workspace has no owner');
  const roles = ['admin', 'compliance_lead', 'compliance_lead', 'engineer', 'engineer', 'engineer', 'engineer', 'engineer', 'auditor', 'viewer'] as const;
  const members: { id: string; role: string }[] = [];
  for (const [i, role] of roles.entries()) {
    members.push(await api.call<{ id: string; role: string }>('POST', `${base}/members`, { displayName: `Bench ${role} ${i}`, email: `${role}.${i}@bench.example`, role }, owner));
  }
  const leads = members.filter((m) => m.role === 'compliance_lead').map((m) => m.id);
  const workers = members.filter((m) => m.role === 'engineer' || m.role === 'admin').map((m) => m.id);
  const connectionIds: string[] = [];
  for (let i = 1; i <= size.connections; i++) {
    // Disabled: nothing is scheduled against the (unreachable) endpoint; findings come from SQL.
    const c = await api.call<{ id: string }>('POST', `${base}/connections`, {
      connectorId: 'aws-iam',
      name: `aws-account-${i}`,
      config: { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' },
      secret: { accessKeyId: `AKIABENCH${String(i).padStart(11, '0')}`, secretAccessKey: 'bench-secret' },
      enabled: false,
    });
    connectionIds.push(c.id);
  }
  const checkIds = registry.checks.map((c) => c.metadata.id);
  const categories = ['access-security', 'availability', 'change-management', 'incident-response', 'network-security', 'risk-assessment', 'vulnerability-management'];
  const customControlIds: string[] = [];
  for (let i = 0; i < size.customControls; i++) {
    // A third automated (one check), a third hybrid (two checks + evidence), a third manual-only.
    const kind = i % 3;
    const checks = kind === 2 ? [] : [0, 1].slice(0, 1 + kind).map((j) => checkIds[(i * 5 + j * 3) % checkIds.length] ?? 'aws-iam.root-mfa-enabled');
    const evidence =
      kind === 0
        ? []
        : Array.from({ length: 1 + (i % 2) }, (_, j) => ({
            id: `bench-record-${j + 1}`,
            title: `Record ${j + 1} of custom control ${i + 1}`,
            description: 'A signed record that the procedure was followed.',
            cadenceDays: [30, 90, 365][(i + j) % 3] ?? 90,
          }));
    const id = `ctl-bench-custom-${String(i + 1).padStart(3, '0')}`;
    await api.call(
      'POST',
      `${base}/controls`,
      { id, title: `Custom control ${i + 1}`, description: `Bench custom control ${i + 1}.`, category: categories[i % categories.length], checkIds: [...new Set(checks)], manualEvidence: evidence, ownerId: workers[i % workers.length] },
      owner,
    );
    customControlIds.push(id);
  }
  const apiMs = performance.now() - t0;

  const frameworks = registry.catalog.frameworks.map((f) => ({ id: f.id, requirements: f.sections.flatMap((s) => s.requirements.map((r) => r.id)) }));
  const t1 = performance.now();
  const summary = await buildDataset(ds, {
    workspaceId: ws.id,
    now: new Date(),
    connectionIds,
    workerIds: workers,
    approverIds: leads,
    customControlIds,
    requirements: frameworks.flatMap((f) => f.requirements.map((requirementId) => ({ frameworkId: f.id, requirementId }))),
    frameworks: frameworks.map((f) => ({ id: f.id, requirementCount: f.requirements.length })),
    findings: size.findings,
  });
  return { workspaceId: ws.id, memberCount: members.length + 1, apiMs, sqlMs: performance.now() - t1, summary };
}

import type { Connection, ControlView, Run, Workspace } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { loadGithubDemoScenario, startGithubEmulator, type GithubEmulator } from '@astrolabe/emulator-github';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitForRun, type TestServer } from './support/test-server';

const AWS_SECRET = 'PLANTED-SECRET-aws-3e9c1f0b7d';
const AWS_SECRET_2 = 'PLANTED-SECRET-aws-rotated-77aa';
const GH_TOKEN = 'ghp_PLANTEDacceptedToken0000000000000000';
const GH_REJECTED = 'ghp_PLANTEDrejectedToken000000000000000';
const PASSWORD = 'PLANTED-password-correct-horse';
const WRONG_PASSWORD = 'PLANTED-password-wrong-guess';
const SSO_SECRET = 'PLANTED-sso-client-secret-5c1d';
/** Connector secrets, passwords, and (added as they are minted) session cookies, API tokens and invitation links. */
const PLANTED: string[] = [AWS_SECRET, AWS_SECRET_2, GH_TOKEN, GH_REJECTED, PASSWORD, WRONG_PASSWORD, SSO_SECRET];

/** Every planted value found in `text`, also in the JSON-escaped and URL-encoded forms it could take. */
function leaksIn(text: string): string[] {
  return PLANTED.filter((p) => text.includes(p) || text.includes(encodeURIComponent(p)) || text.includes(Buffer.from(p).toString('base64')));
}

describe('planted connector secrets appear in no log line, response, error or stored row', () => {
  let server: TestServer;
  let iam: IamEmulator;
  let github: GithubEmulator;
  let db: Client;
  let ws: Workspace;
  const logLines: string[] = [];
  const bodies: string[] = [];

  const api = async <T>(method: string, path: string, body?: unknown) => {
    const res = await server.api<T>(method, `/api/v1/workspaces/${ws.id}${path}`, body);
    bodies.push(`${method} ${path} → ${res.status}\n${res.text}`);
    return res;
  };
  const run = async (connection: Connection): Promise<Run> => {
    const started = await api<Run>('POST', `/connections/${connection.id}/runs`);
    expect(started.status).toBe(202);
    const done = await waitForRun<Run>(server, ws.id, started.body.id);
    bodies.push(JSON.stringify(done));
    await api('GET', `/runs/${started.body.id}`);
    return done;
  };

  beforeAll(async () => {
    iam = await startIamEmulator({ scenario: loadDemoScenario() });
    const scenario = loadGithubDemoScenario();
    // The emulator accepts the planted token as the demo org owner's.
    github = await startGithubEmulator({ scenario: { ...scenario, tokens: [...scenario.tokens, { ...scenario.tokens[0]!, token: GH_TOKEN }] } });
    server = await startTestServer({ LOG_LEVEL: 'debug' }, {}, { logSink: (line) => logLines.push(line) });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    const created = await server.api<Workspace>('POST', '/api/v1/workspaces', { slug: 'leak', name: 'Leak' });
    bodies.push(created.text);
    ws = created.body;
  });

  afterAll(async () => {
    await db?.end();
    await server?.close();
    await iam?.stop();
    await github?.stop();
  });

  it('drives connections, runs (success and failure), reads and exports without echoing a secret', async () => {
    const create = async (body: Record<string, unknown>) => {
      const res = await api<Connection>('POST', '/connections', body);
      expect(res.status).toBe(201);
      expect(res.body.hasSecret).toBe(true);
      return res.body;
    };
    const aws = await create({ connectorId: 'aws-iam', name: 'aws', config: { endpointUrl: iam.url }, secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: AWS_SECRET } });
    const awsDown = await create({ connectorId: 'aws-iam', name: 'aws-down', config: { endpointUrl: 'http://127.0.0.1:9' }, secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: AWS_SECRET } });
    const gh = await create({ connectorId: 'github', name: 'gh', config: { organization: 'acme-corp', baseUrl: github.restUrl }, secret: { token: GH_TOKEN } });
    const ghRejected = await create({ connectorId: 'github', name: 'gh-rejected', config: { organization: 'acme-corp', baseUrl: github.restUrl }, secret: { token: GH_REJECTED } });
    // A bad request carrying a secret: the 400 must not echo it.
    await api('POST', '/connections', { connectorId: 'aws-iam', name: '', config: { endpointUrl: 42 }, secret: { secretAccessKey: AWS_SECRET } });

    for (const c of [aws, awsDown, gh, ghRejected]) {
      await api('GET', `/connections/${c.id}`);
      await api('POST', `/connections/${c.id}/validate`);
    }
    await api('GET', '/connections');
    const updated = await api<Connection>('PATCH', `/connections/${aws.id}`, { name: 'aws-prod', secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: AWS_SECRET_2 } });
    expect(updated.status).toBe(200);

    expect((await run(aws)).state).toBe('succeeded');
    const ghRun = await run(gh);
    expect(ghRun.state, JSON.stringify(ghRun)).not.toBe('failed');
    expect((await run(awsDown)).state).toBe('failed');
    expect((await run(ghRejected)).state).toBe('failed');
    await api('GET', `/connections/${aws.id}/runs`);

    await api('GET', '/overview');
    await api('GET', '/findings');
    await api('GET', '/checks');
    const controls = await api<{ items: ControlView[] }>('GET', '/controls');
    for (const control of controls.body.items.slice(0, 5)) await api('GET', `/controls/${control.id}/evidence`);
    await api('GET', '/audit-log');
    await api('GET', '/audit-log/verify');
    await api('GET', '/audit-log.csv');
    const docs = await server.api('GET', '/api/docs');
    bodies.push(docs.text);
  });

  it('drives sign-in, invitations, API tokens and SSO settings without echoing a credential', async () => {
    const anonymous = { 'x-test-anonymous': '1' };
    // An invitation: its link is shown once (that response is the one place it may appear).
    const invited = await server.api<{ acceptUrl: string }>('POST', `/api/v1/workspaces/${ws.id}/invitations`, { email: 'pat@example.com', role: 'engineer' });
    expect(invited.status).toBe(201);
    const linkToken = new URL(invited.body.acceptUrl).hash.replace('#token=', '');
    PLANTED.push(linkToken);
    bodies.push((await server.api('GET', `/api/v1/invitations/preview?token=${linkToken}`, undefined, anonymous)).text);
    const accepted = await server.api('POST', '/api/v1/invitations/accept', { token: linkToken, displayName: 'Pat', password: PASSWORD }, anonymous);
    expect(accepted.status).toBe(200);
    bodies.push(accepted.text);
    bodies.push((await server.api('POST', '/api/v1/invitations/accept', { token: linkToken, displayName: 'Pat', password: PASSWORD }, anonymous)).text);

    // Passwords: a wrong one, then the right one; the session cookie value must never come back.
    bodies.push((await server.api('POST', '/api/v1/auth/login', { email: 'pat@example.com', password: WRONG_PASSWORD }, anonymous)).text);
    const login = await server.api<{ csrfToken: string }>('POST', '/api/v1/auth/login', { email: 'pat@example.com', password: PASSWORD }, anonymous);
    expect(login.status).toBe(200);
    bodies.push(login.text);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('astrolabe_session='))?.split(';')[0] ?? '';
    PLANTED.push(cookie.split('=')[1] ?? '');
    bodies.push((await server.api('GET', '/api/v1/auth/session', undefined, { ...anonymous, cookie })).text);
    bodies.push((await server.api('GET', `/api/v1/workspaces/${ws.id}/overview`, undefined, { ...anonymous, cookie })).text);

    // An API token: shown once, then only used.
    const token = await server.api<{ id: string; token: string }>('POST', `/api/v1/workspaces/${ws.id}/tokens`, { name: 'ci', role: 'viewer' });
    expect(token.status).toBe(201);
    PLANTED.push(token.body.token);
    const bearer = { ...anonymous, authorization: `Bearer ${token.body.token}` };
    bodies.push((await server.api('GET', `/api/v1/workspaces/${ws.id}/findings`, undefined, bearer)).text);
    bodies.push((await server.api('PUT', `/api/v1/workspaces/${ws.id}/settings/sla`, { critical: 1, high: 2, medium: 3, low: 4, info: 5 }, bearer)).text);
    bodies.push((await server.api('GET', `/api/v1/workspaces/${ws.id}/tokens`)).text);
    bodies.push((await server.api('POST', `/api/v1/workspaces/${ws.id}/tokens/${token.body.id}/revoke`)).text);
    bodies.push((await server.api('GET', `/api/v1/workspaces/${ws.id}/findings`, undefined, bearer)).text);

    // SSO settings with a client secret (the issuer cannot be reached: refused, and not echoed).
    bodies.push((await server.api('PUT', `/api/v1/workspaces/${ws.id}/sso`, { issuer: 'http://127.0.0.1:9/idp', clientId: 'astrolabe', clientSecret: SSO_SECRET, domains: ['example.com'] })).text);
    bodies.push((await server.api('GET', `/api/v1/workspaces/${ws.id}/sso`)).text);
    bodies.push((await server.api('GET', `/api/v1/workspaces/${ws.id}/audit-log`)).text);
  });

  it('no response body carries a planted secret', () => {
    expect(bodies.length).toBeGreaterThan(20);
    expect(bodies.filter((b) => leaksIn(b).length > 0)).toEqual([]);
  });

  it('no log line carries a planted secret (LOG_LEVEL debug)', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((l) => leaksIn(l).length > 0)).toEqual([]);
  });

  it('no stored row carries one; connection.secret_sealed holds them sealed only', async () => {
    const tables = await db.query<{ schema: string; name: string }>(
      "SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    expect(tables.rows.map((t) => t.name)).toEqual(expect.arrayContaining(['evidence_blob', 'finding', 'collection_run', 'audit_log', 'connector_response_cache']));
    const leaks: string[] = [];
    for (const t of tables.rows) {
      const rows = await db.query<{ row: string }>(`SELECT (to_jsonb(t) - 'secret_sealed')::text AS row FROM "${t.schema}"."${t.name}" t`);
      for (const r of rows.rows) if (leaksIn(r.row).length > 0) leaks.push(`${t.schema}.${t.name}: ${leaksIn(r.row).join(', ')}`);
    }
    expect(leaks).toEqual([]);
    const sealed = await db.query<{ secret_sealed: string }>('SELECT secret_sealed FROM connection');
    expect(sealed.rows.every((r) => r.secret_sealed?.startsWith('v1.'))).toBe(true);
    expect(sealed.rows.filter((r) => leaksIn(r.secret_sealed).length > 0)).toEqual([]);
  });
});

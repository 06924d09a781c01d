import { loadCatalog } from '@astrolabe/frameworks';
import { ScoringService } from '../src/scoring/scoring.service';
import type { ControlDetail, ControlView, ExceptionView, FindingView, FrameworkDetail, FrameworkView, ManualEvidenceView, MemberView, MyWork, Overview, Problem, Run, Workspace } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MutableClock } from './support/mutable-clock';
import { ANONYMOUS, AS_MEMBER, startTestServer, waitForRun, type TestServer } from './support/test-server';

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('compliance program: members, manual evidence, exceptions, scope, SLAs', () => {
  let server: TestServer;
  let emulator: IamEmulator;
  let db: Client;
  let ws: Workspace;
  let base: string;
  const clock = new MutableClock();
  const m: Record<'owner' | 'lead' | 'engineer' | 'auditor', MemberView> = {} as Record<'owner' | 'lead' | 'engineer' | 'auditor', MemberView>;
  const as = (member: MemberView) => ({ [AS_MEMBER]: member.id });
  const control = async (id: string) => (await server.api<ControlDetail>('GET', `${base}/controls/${id}`)).body;
  const fields = (p: Problem) => (p.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    server = await startTestServer({}, { clock });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    ws = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'program', name: 'Program' });
    base = `/api/v1/workspaces/${ws.id}`;
    m.owner = (await server.call<{ items: MemberView[] }>('GET', `${base}/members`)).items[0]!;
    const add = async (displayName: string, email: string, role: string) => (await server.api<MemberView>('POST', `${base}/members`, { displayName, email, role }, as(m.owner))).body;
    m.lead = await add('Lena Lead', 'lena@example.com', 'compliance_lead');
    m.engineer = await add('Eli Engineer', 'eli@example.com', 'engineer');
    m.auditor = await add('Ada Auditor', 'ada@example.com', 'auditor');
    const connection = await server.call<{ id: string }>('POST', `${base}/connections`, {
      connectorId: 'aws-iam',
      name: 'prod',
      config: { endpointUrl: emulator.url },
      secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'emulator-does-not-check' },
    });
    const run = await server.call<Run>('POST', `${base}/connections/${connection.id}/runs`);
    await waitForRun(server, ws.id, run.id);
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
    await emulator?.stop();
  });

  describe('members', () => {
    it('made the creator owner; only owners and admins add members; nobody signed in is 401', async () => {
      expect(m.owner).toMatchObject({ displayName: 'Olivia Owner', role: 'owner', hasAccount: true });
      const missing = await server.api<Problem>('POST', `${base}/members`, { displayName: 'X', email: 'x@example.com', role: 'viewer' }, { [ANONYMOUS]: '1' });
      expect(missing.status).toBe(401);
      const byEngineer = await server.api<Problem>('POST', `${base}/members`, { displayName: 'X', email: 'x@example.com', role: 'viewer' }, as(m.engineer));
      expect(byEngineer.status).toBe(403);
      const dup = await server.api<Problem>('POST', `${base}/members`, { displayName: 'Again', email: 'lena@example.com', role: 'viewer' }, as(m.owner));
      expect(dup.status).toBe(409);
      const lastOwner = await server.api<Problem>('PATCH', `${base}/members/${m.owner.id}`, { role: 'admin' }, as(m.owner));
      expect(lastOwner.status).toBe(409);
    });
  });

  describe('manual evidence', () => {
    const ctl = 'ctl-incident-response-plan';

    it('moves a manual control from not_monitored to passing when evidence is uploaded, and keeps the file', async () => {
      const before = await control(ctl);
      expect(before.status).toBe('not_monitored');
      expect(before.evidence[0]?.state).toBe('missing');
      const requirementId = before.evidence[0]!.id;

      const form = new FormData();
      form.set('requirementId', requirementId);
      form.set('effectiveOn', day(new Date(clock.now().getTime() - 10 * DAY)));
      form.set('reviewerId', m.lead.id);
      form.set('note', 'Approved by the CTO');
      form.set('file', new Blob(['incident response plan v2'], { type: 'text/plain' }), 'ir-plan.txt');
      const res = await fetch(`${server.url}${base}/controls/${ctl}/evidence`, { method: 'POST', body: form, headers: await server.sessionFor(m.engineer.id) });
      expect(res.status).toBe(201);
      const stored = (await res.json()) as ManualEvidenceView;
      expect(stored).toMatchObject({ kind: 'file', fileName: 'ir-plan.txt', sizeBytes: 25, uploadedBy: { id: m.engineer.id }, reviewer: { id: m.lead.id } });
      expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);

      const after = await control(ctl);
      expect(after.status).toBe('passing');
      expect(after.evidence[0]).toMatchObject({ state: 'current', latest: { id: stored.id } });
      expect(after.history.at(-1)?.status).toBe('passing');

      const file = await fetch(`${server.url}${base}/controls/${ctl}/evidence/${stored.id}/file`, { headers: server.ownerHeaders });
      expect(await file.text()).toBe('incident response plan v2');
      expect(file.headers.get('content-disposition')).toBe('attachment; filename="ir-plan.txt"');
      expect(file.headers.get('content-type')).toBe('application/octet-stream');
    });

    it('counts the cadence from the effective date: due soon is at_risk, past due is failing', async () => {
      const ctlId = 'ctl-penetration-test';
      const req = (await control(ctlId)).evidence[0]!;
      expect(req.cadenceDays).toBe(365);
      const link = (daysAgo: number) =>
        server.api<ManualEvidenceView>(
          'POST',
          `${base}/controls/${ctlId}/evidence`,
          { requirementId: req.id, effectiveOn: day(new Date(clock.now().getTime() - daysAgo * DAY)), reviewerId: m.lead.id, url: 'https://docs.example.com/pentest' },
          as(m.lead),
        );
      expect((await link(400)).status).toBe(201);
      const overdue = await control(ctlId);
      expect(overdue.status).toBe('failing');
      expect(overdue.reason).toMatch(/^Evidence overdue/);
      expect((await link(350)).status).toBe(201);
      expect((await control(ctlId)).status).toBe('at_risk');
      // An older report uploaded later does not supersede the newer one.
      expect((await link(500)).status).toBe(201);
      expect((await control(ctlId)).status).toBe('at_risk');
    });

    it('rejects bad uploads with the field at fault, and read-only roles', async () => {
      const ctlId = 'ctl-risk-assessment';
      const req = (await control(ctlId)).evidence[0]!;
      const post = (body: Record<string, unknown>, member: MemberView = m.lead) => server.api<Problem>('POST', `${base}/controls/${ctlId}/evidence`, body, as(member));
      const ok = { requirementId: req.id, effectiveOn: day(clock.now()), reviewerId: m.lead.id, url: 'https://example.com/ra' };
      expect(fields((await post({ ...ok, effectiveOn: day(new Date(clock.now().getTime() + 2 * DAY)) })).body)).toEqual(['effectiveOn']);
      expect(fields((await post({ ...ok, effectiveOn: '2026-02-30' })).body)).toEqual(['effectiveOn']);
      expect(fields((await post({ ...ok, requirementId: 'nope' })).body)).toEqual(['requirementId']);
      expect(fields((await post({ ...ok, url: 'javascript:alert(1)' })).body)).toEqual(['url']);
      expect(fields((await post({ ...ok, url: undefined })).body)).toEqual(['file']);
      expect(fields((await post({ ...ok, reviewerId: '00000000-0000-4000-8000-000000000000' })).body)).toEqual(['reviewerId']);
      expect((await post(ok, m.auditor)).status).toBe(403);
      expect((await server.api('POST', `${base}/controls/ctl-nope/evidence`, ok, as(m.lead))).status).toBe(404);
      expect((await control(ctlId)).status).toBe('not_monitored');
    });
  });

  describe('exceptions', () => {
    const failingControl = async () => {
      const list = (await server.api<{ items: ControlView[] }>('GET', `${base}/controls?status=failing`)).body.items;
      const found = list.find((c) => c.automation === 'automated');
      if (!found) throw new Error('the demo scenario should fail at least one automated control');
      return found;
    };
    const expiresIn = (days: number) => new Date(clock.now().getTime() + days * DAY).toISOString();

    it('validates requests: reason length, expiry within a year, existing target', async () => {
      const c = await failingControl();
      const post = (body: Record<string, unknown>) => server.api<Problem>('POST', `${base}/exceptions`, body, as(m.engineer));
      expect(fields((await post({ scope: 'control', controlId: c.id, reason: 'too short', expiresAt: expiresIn(30) })).body)).toEqual(['reason']);
      expect(fields((await post({ scope: 'control', controlId: c.id, reason: 'A long enough reason for the test', expiresAt: expiresIn(400) })).body)).toEqual(['expiresAt']);
      expect(fields((await post({ scope: 'control', controlId: c.id, reason: 'A long enough reason for the test', expiresAt: expiresIn(-1) })).body)).toEqual(['expiresAt']);
      expect((await post({ scope: 'control', controlId: 'ctl-nope', reason: 'A long enough reason for the test', expiresAt: expiresIn(30) })).status).toBe(404);
      expect(fields((await post({ scope: 'finding', checkId: 'aws-iam.console-user-mfa', resourceId: 'arn:nope', reason: 'A long enough reason for the test', expiresAt: expiresIn(30) })).body)).toEqual([
        'resourceId',
      ]);
      expect((await server.api<Problem>('POST', `${base}/exceptions`, { scope: 'control', controlId: c.id, reason: 'A long enough reason for the test', expiresAt: expiresIn(30) }, as(m.auditor))).status).toBe(403);
    });

    it('turns a failing control excepted only after a different lead approves, records every step, and expires', async () => {
      const c = await failingControl();
      const requested = await server.api<ExceptionView>('POST', `${base}/exceptions`, { scope: 'control', controlId: c.id, reason: 'Compensating control: console access goes through SSO.', expiresAt: expiresIn(30) }, as(m.lead));
      expect(requested.status).toBe(201);
      expect(requested.body.state).toBe('requested');
      expect((await control(c.id)).status).toBe('failing');
      const again = await server.api<Problem>('POST', `${base}/exceptions`, { scope: 'control', controlId: c.id, reason: 'A second request for the same control', expiresAt: expiresIn(30) }, as(m.engineer));
      expect(again.status).toBe(409);

      const id = requested.body.id;
      expect((await server.api<Problem>('POST', `${base}/exceptions/${id}/approve`, {}, as(m.lead))).status).toBe(403); // requester
      expect((await server.api<Problem>('POST', `${base}/exceptions/${id}/approve`, {}, as(m.engineer))).status).toBe(403); // role
      const approved = await server.api<ExceptionView>('POST', `${base}/exceptions/${id}/approve`, { note: 'Accepted until SSO covers it' }, as(m.owner));
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ state: 'active', decidedBy: { id: m.owner.id } });
      expect((await server.api<Problem>('POST', `${base}/exceptions/${id}/approve`, {}, as(m.owner))).status).toBe(409);

      const excepted = await control(c.id);
      expect(excepted.status).toBe('excepted');
      expect(excepted.reason).toMatch(/^Accepted by an exception until/);
      // Excepted is never counted as passing.
      const soc2 = (await server.api<FrameworkDetail>('GET', `${base}/frameworks/soc2-tsc-2017`)).body;
      const mapped = soc2.requirements.filter((r) => r.controlIds.includes(c.id));
      expect(mapped.every((r) => r.status !== 'passing')).toBe(true);

      clock.advance(31 * DAY);
      try {
        await server.app.get(ScoringService).recomputeAll(clock.now());
        const expired = (await server.api<ExceptionView>('GET', `${base}/exceptions/${id}`)).body;
        expect(expired.state).toBe('expired');
        expect(expired.events.map((e) => e.action)).toEqual(['requested', 'approved', 'expired']);
        expect(expired.events[1]).toMatchObject({ actor: { id: m.owner.id }, note: 'Accepted until SSO covers it' });
        // Evidence is stale by now too: the control is not passing either way, and not excepted.
        expect((await control(c.id)).status).not.toBe('excepted');
        expect((await server.api<Problem>('POST', `${base}/exceptions/${id}/revoke`, {}, as(m.owner))).status).toBe(409);
      } finally {
        clock.advance(-31 * DAY);
        // Back in time the exception is live again (state follows expires_at); revoke it to move on.
        await server.api('POST', `${base}/exceptions/${id}/revoke`, { note: 'test clean-up' }, as(m.owner));
      }
      expect((await control(c.id)).status).toBe('failing');
      expect((await server.api<ExceptionView>('GET', `${base}/exceptions/${id}`)).body.events.map((e) => e.action)).toEqual(['requested', 'approved', 'expired', 'revoked']);
    });

    it('covers failing findings one by one; the control is excepted only when all are covered, and revoking restores it', async () => {
      const c = await failingControl();
      const fails = (await server.api<{ items: FindingView[] }>('GET', `${base}/findings?controlId=${c.id}&status=fail&limit=500`)).body.items;
      expect(fails.length).toBeGreaterThan(0);
      const ids: string[] = [];
      for (const [i, f] of fails.entries()) {
        const e = await server.api<ExceptionView>(
          'POST',
          `${base}/exceptions`,
          { scope: 'finding', checkId: f.checkId, resourceId: f.resource.id, reason: 'Break-glass account kept without MFA in a safe.', expiresAt: expiresIn(60) },
          as(m.engineer),
        );
        expect(e.status).toBe(201);
        ids.push(e.body.id);
        expect((await server.api('POST', `${base}/exceptions/${e.body.id}/approve`, {}, { [ANONYMOUS]: '1' })).status).toBe(401); // nobody signed in
        expect((await server.api('POST', `${base}/exceptions/${e.body.id}/approve`, {}, as(m.lead))).status).toBe(200);
        if (i < fails.length - 1) expect((await control(c.id)).status).toBe('failing');
      }
      expect((await control(c.id)).status).toBe('excepted');
      const covered = (await server.api<{ items: FindingView[] }>('GET', `${base}/findings?controlId=${c.id}&status=fail&limit=500`)).body.items;
      expect(covered.every((f) => f.exceptionId !== null && f.dueAt === null && !f.overdue)).toBe(true);

      expect((await server.api<ExceptionView>('POST', `${base}/exceptions/${ids[0]}/revoke`, { note: 'MFA device arrived' }, as(m.lead))).body.state).toBe('revoked');
      expect((await control(c.id)).status).toBe('failing');
      for (const id of ids.slice(1)) await server.api('POST', `${base}/exceptions/${id}/revoke`, {}, as(m.lead));
      const listed = await server.api<{ items: ExceptionView[] }>('GET', `${base}/exceptions?state=revoked&controlId=${c.id}`);
      expect(listed.body.items.filter((e) => e.scope === 'finding').map((e) => e.id).sort()).toEqual([...ids].sort());
    }, 60_000);
  });

  describe('exception requests can be withdrawn by their requester only', () => {
    it('lets an engineer withdraw their own request, not revoke someone else\'s', async () => {
      const expiresAt = new Date(clock.now().getTime() + 10 * DAY).toISOString();
      const own = (await server.api<ExceptionView>('POST', `${base}/exceptions`, { scope: 'control', controlId: 'ctl-risk-register', reason: 'Risk register moves to a new tool this month.', expiresAt }, as(m.engineer))).body;
      expect(own.targetTitle).toBe((await control('ctl-risk-register')).title);
      const others = (await server.api<ExceptionView>('POST', `${base}/exceptions`, { scope: 'control', controlId: 'ctl-vendor-due-diligence', reason: 'Vendor reports arrive after the renewal date.', expiresAt }, as(m.lead))).body;
      expect((await server.api<Problem>('POST', `${base}/exceptions/${others.id}/revoke`, {}, as(m.engineer))).status).toBe(403);
      expect((await server.api<ExceptionView>('POST', `${base}/exceptions/${own.id}/revoke`, { note: 'withdrawn' }, as(m.engineer))).body.state).toBe('revoked');
      const page = (await server.api<{ items: ExceptionView[]; stateCounts: Record<string, number> }>('GET', `${base}/exceptions?controlId=ctl-vendor-due-diligence`)).body;
      expect(page.stateCounts).toEqual({ requested: 1, active: 0, expired: 0, rejected: 0, revoked: 0 });
      expect((await server.api<ExceptionView>('POST', `${base}/exceptions/${others.id}/reject`, { note: 'Ask the vendor for a bridge letter.' }, as(m.owner))).body.state).toBe('rejected');
    });
  });

  describe('control lists', () => {
    it('filters by evidence state and counts statuses under the other filters', async () => {
      const page = (await server.api<{ items: ControlView[]; statusCounts: Record<string, number>; total: number }>('GET', `${base}/controls?category=access-security&limit=5`)).body;
      expect(page.items.length).toBe(5);
      expect(Object.values(page.statusCounts).reduce((a, b) => a + b, 0)).toBe(page.total);
      const failing = (await server.api<{ items: ControlView[]; statusCounts: Record<string, number> }>('GET', `${base}/controls?category=access-security&status=failing&limit=500`)).body;
      expect(failing.items.length).toBe(page.statusCounts.failing);
      expect(failing.statusCounts).toEqual(page.statusCounts);
      const due = (await server.api<{ items: ControlView[] }>('GET', `${base}/controls?evidence=due_soon`)).body.items;
      expect(due.map((c) => c.id)).toContain('ctl-penetration-test');
      expect(due.every((c) => c.evidence.some((e) => e.state === 'due_soon'))).toBe(true);
      expect(fields((await server.api<Problem>('GET', `${base}/controls?evidence=late`)).body)).toEqual(['evidence']);
      // Cursor paging walks every control exactly once.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { items: ControlView[]; nextCursor: string | null } = (await server.api<{ items: ControlView[]; nextCursor: string | null }>('GET', `${base}/controls?limit=25${cursor ? `&cursor=${cursor}` : ''}`)).body;
        seen.push(...res.items.map((c) => c.id));
        cursor = res.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      // Worst first: failing controls lead the unfiltered list.
      const statusOf = new Map((await server.api<{ items: ControlView[] }>('GET', `${base}/controls?limit=500`)).body.items.map((c) => [c.id, c.status]));
      const firstNonFailing = seen.findIndex((id) => statusOf.get(id) !== 'failing');
      expect(seen.slice(firstNonFailing).some((id) => statusOf.get(id) === 'failing')).toBe(false);
      const all = (await server.api<{ total: number }>('GET', `${base}/controls?limit=1`)).body.total;
      expect(seen.length).toBe(all);
    });
  });

  describe('frameworks, scope, custom controls and trust labels', () => {
    it('marks a requirement out of scope with a justification and leaves it out of readiness', async () => {
      const before = (await server.api<FrameworkDetail>('GET', `${base}/frameworks/hipaa-security-rule`)).body;
      const requirementId = '164.314(b)(1)';
      const path = `${base}/frameworks/hipaa-security-rule/requirements/${encodeURIComponent(requirementId)}/scope`;
      expect(fields((await server.api<Problem>('PUT', path, { inScope: false, justification: 'n/a' }, as(m.lead))).body)).toEqual(['justification']);
      expect((await server.api('PUT', path, { inScope: false, justification: 'We are not a group health plan sponsor.' }, as(m.engineer))).status).toBe(403);
      const after = (await server.api<FrameworkDetail>('PUT', path, { inScope: false, justification: 'We are not a group health plan sponsor.' }, as(m.lead))).body;
      expect(after.readiness.inScope).toBe(before.readiness.inScope - 1);
      expect(after.requirements.find((r) => r.id === requirementId)?.outOfScope).toMatchObject({ justification: 'We are not a group health plan sponsor.', setBy: { id: m.lead.id } });
      const back = (await server.api<FrameworkDetail>('PUT', path, { inScope: true }, as(m.lead))).body;
      expect(back.readiness.inScope).toBe(before.readiness.inScope);
      expect((await server.api('PUT', `${base}/frameworks/hipaa-security-rule/requirements/nope/scope`, { inScope: true }, as(m.lead))).status).toBe(404);
    });

    it('adds a custom control, maps it to a requirement, and scores it', async () => {
      const body = {
        id: 'ctl-custom-soc-reports-reviewed',
        title: 'Customer-facing SOC reports are reviewed',
        description: 'The security team reviews the SOC 2 report before it is shared.',
        category: 'communications',
        manualEvidence: [{ id: 'review-notes', title: 'Review notes', description: 'Who reviewed, when, what changed.', cadenceDays: 365 }],
      };
      expect((await server.api('POST', `${base}/controls`, body, as(m.engineer))).status).toBe(403);
      expect(fields((await server.api<Problem>('POST', `${base}/controls`, { ...body, checkIds: ['aws-iam.nope'] }, as(m.lead))).body)).toEqual(['checkIds.0']);
      expect(fields((await server.api<Problem>('POST', `${base}/controls`, { ...body, manualEvidence: [] }, as(m.lead))).body)).toEqual(['manualEvidence']);
      expect((await server.api('POST', `${base}/controls`, { ...body, id: 'ctl-iam-console-mfa' }, as(m.lead))).status).toBe(409);
      const created = await server.api<ControlDetail>('POST', `${base}/controls`, body, as(m.lead));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ source: 'custom', automation: 'manual', status: 'not_monitored' });
      expect((await server.api('POST', `${base}/controls`, body, as(m.lead))).status).toBe(409);

      const mapPath = `${base}/frameworks/soc2-tsc-2017/requirements/CC2.3/controls`;
      const mapped = (await server.api<FrameworkDetail>('POST', mapPath, { controlId: body.id }, as(m.lead))).body;
      const cc23 = mapped.requirements.find((r) => r.id === 'CC2.3');
      expect(cc23?.customControlIds).toEqual([body.id]);
      expect(cc23?.controlIds).toContain(body.id);
      expect(cc23?.status).not.toBe('passing');
      expect((await control(body.id)).requirements).toEqual([{ frameworkId: 'soc2-tsc-2017', requirementId: 'CC2.3' }]);
      const builtIn = cc23!.controlIds.find((id) => id !== body.id)!;
      expect(fields((await server.api<Problem>('DELETE', `${mapPath}/${builtIn}`, undefined, as(m.lead))).body)).toEqual(['controlId']);
      expect((await server.api<FrameworkDetail>('DELETE', `${mapPath}/${body.id}`, undefined, as(m.lead))).body.requirements.find((r) => r.id === 'CC2.3')?.customControlIds).toEqual([]);
      const listed = await server.api<{ items: ControlView[] }>('GET', `${base}/controls?q=soc+reports`);
      expect(listed.body.items.map((c) => c.id)).toEqual([body.id]);
    });

    it('refuses to publish a failing control as Implemented, and holds back a label that became false', async () => {
      const failing = (await server.api<{ items: ControlView[] }>('GET', `${base}/controls?status=failing`)).body.items.find((c) => c.automation === 'automated')!;
      const refused = await server.api<Problem>('PATCH', `${base}/controls/${failing.id}`, { trustLabel: 'implemented' }, as(m.lead));
      expect(refused.status).toBe(409);
      expect((await server.api<ControlDetail>('PATCH', `${base}/controls/${failing.id}`, { trustLabel: 'in_progress' }, as(m.lead))).body.publishedLabel).toBe('in_progress');

      const passing = 'ctl-incident-response-plan';
      const labelled = (await server.api<ControlDetail>('PATCH', `${base}/controls/${passing}`, { trustLabel: 'implemented' }, as(m.lead))).body;
      expect(labelled).toMatchObject({ status: 'passing', trustLabel: 'implemented', publishedLabel: 'implemented', trustLabelConflict: false });
      // The label stays what the lead chose; if the control starts failing, it is not published as Implemented.
      await db.query("UPDATE control SET status = 'failing' WHERE workspace_id = $1 AND id = $2", [ws.id, passing]);
      await db.query('UPDATE workspace SET scored_at = $2 WHERE id = $1', [ws.id, clock.now()]);
      expect(await control(passing)).toMatchObject({ trustLabel: 'implemented', publishedLabel: 'in_progress', trustLabelConflict: true });
      await db.query('UPDATE workspace SET scored_at = NULL WHERE id = $1', [ws.id]);
      expect((await control(passing)).status).toBe('passing');
    });

    it('disables a framework: listed, but not on the overview', async () => {
      expect((await server.api('PUT', `${base}/frameworks/nist-csf-2.0`, { enabled: false }, as(m.lead))).status).toBe(200);
      const list = (await server.api<{ items: FrameworkView[] }>('GET', `${base}/frameworks`)).body.items;
      expect(list.find((f) => f.id === 'nist-csf-2.0')?.enabled).toBe(false);
      const overview = (await server.api<Overview>('GET', `${base}/overview`)).body;
      expect(overview.frameworks.map((f) => f.id)).not.toContain('nist-csf-2.0');
      expect(overview.frameworks.map((f) => f.id)).toContain('hipaa-security-rule');
      await server.api('PUT', `${base}/frameworks/nist-csf-2.0`, { enabled: true }, as(m.lead));
    });
  });

  describe('owners, SLAs, regressions and my work', () => {
    it('assigns owners (not to read-only roles) and lists a member\'s work', async () => {
      const failing = (await server.api<{ items: ControlView[] }>('GET', `${base}/controls?status=failing`)).body.items.find((c) => c.automation === 'automated')!;
      expect(fields((await server.api<Problem>('PATCH', `${base}/controls/${failing.id}`, { ownerId: m.auditor.id }, as(m.lead))).body)).toEqual(['ownerId']);
      expect((await server.api('PATCH', `${base}/controls/${failing.id}`, { ownerId: m.engineer.id }, as(m.engineer))).status).toBe(403);
      expect((await server.api<ControlDetail>('PATCH', `${base}/controls/${failing.id}`, { ownerId: m.engineer.id }, as(m.lead))).body.owner).toEqual({ id: m.engineer.id, displayName: 'Eli Engineer' });
      await server.api('PATCH', `${base}/controls/ctl-risk-assessment`, { ownerId: m.engineer.id }, as(m.lead));
      const owned = await server.api<{ items: ControlView[] }>('GET', `${base}/controls?ownerId=${m.engineer.id}`);
      expect(owned.body.items.map((c) => c.id).sort()).toEqual([failing.id, 'ctl-risk-assessment'].sort());

      const work = (await server.api<MyWork>('GET', `${base}/members/${m.engineer.id}/work`)).body;
      expect(work.controls.map((c) => c.id)).toContain(failing.id);
      expect(work.evidenceDue.map((e) => e.controlId)).toContain('ctl-risk-assessment');
      expect(work.exceptionsToDecide).toEqual([]); // engineers do not approve
      const overview = (await server.api<Overview>('GET', `${base}/overview`)).body;
      const total = Object.values(overview.controlCounts).reduce((a, b) => a + b, 0);
      expect(total).toBe(loadCatalog().controls.length + 1); // built-in + 1 custom
      expect(overview.unownedControls).toBe(total - 2);
    });

    it('gives failing findings a deadline from the severity SLA and lists overdue ones per owner', async () => {
      expect(fields((await server.api<Problem>('PUT', `${base}/settings/sla`, { critical: 0, high: 1, medium: 1, low: 1, info: 1 }, as(m.lead))).body)).toEqual(['critical']);
      await server.api('PUT', `${base}/settings/sla`, { critical: 1, high: 1, medium: 1, low: 1, info: 1 }, as(m.lead));
      const fail = (await server.api<{ items: FindingView[] }>('GET', `${base}/findings?status=fail&limit=1`)).body.items[0]!;
      expect(fail.dueAt).toBe(new Date(new Date(fail.statusSince).getTime() + DAY).toISOString());
      expect(fail.overdue).toBe(false);
      expect((await server.api<{ items: FindingView[] }>('GET', `${base}/findings?overdue=true`)).body.items).toEqual([]);

      clock.advance(DAY + 3_600_000); // past the deadline, evidence still fresh (48 h window)
      try {
        const overdue = (await server.api<{ items: FindingView[] }>('GET', `${base}/findings?overdue=true&limit=500`)).body.items;
        expect(overdue.length).toBeGreaterThan(0);
        expect(overdue.every((f) => f.status === 'fail' && f.overdue)).toBe(true);
        const groups = (await server.api<{ items: { owner: { id: string } | null; findings: FindingView[] }[] }>('GET', `${base}/sla/overdue`)).body.items;
        expect(groups.find((g) => g.owner?.id === m.engineer.id)?.findings.length).toBeGreaterThan(0);
        expect((await server.api<MyWork>('GET', `${base}/members/${m.engineer.id}/work`)).body.overdueFindings.length).toBeGreaterThan(0);
      } finally {
        clock.advance(-(DAY + 3_600_000));
        await server.api('PUT', `${base}/settings/sla`, { critical: 7, high: 30, medium: 90, low: 180, info: 365 }, as(m.lead));
      }
    });

    it('lists controls that regressed since yesterday, with the day they regressed', async () => {
      const failing = (await server.api<{ items: ControlView[] }>('GET', `${base}/controls?status=failing`)).body.items[0]!;
      const yesterday = day(new Date(clock.now().getTime() - DAY));
      await db.query(`INSERT INTO control_status_day (workspace_id, control_id, day, status) VALUES ($1, $2, $3, 'passing') ON CONFLICT DO NOTHING`, [ws.id, failing.id, yesterday]);
      const regressions = (await server.api<{ items: { controlId: string; from: string; to: string; since: string }[] }>('GET', `${base}/regressions`)).body.items;
      expect(regressions).toContainEqual(expect.objectContaining({ controlId: failing.id, from: 'passing', to: 'failing', since: day(clock.now()) }));
      expect((await server.api<Overview>('GET', `${base}/overview`)).body.regressions.map((r) => r.controlId)).toContain(failing.id);
      expect(fields((await server.api<Problem>('GET', `${base}/regressions?since=yesterday`)).body)).toEqual(['since']);
    });

    it('keeps a daily readiness row per enabled framework', async () => {
      const history = (await server.api<{ items: { day: string; percent: number }[] }>('GET', `${base}/frameworks/soc2-tsc-2017/history`)).body.items;
      expect(history.at(-1)?.day).toBe(day(clock.now()));
      const soc2 = (await server.api<FrameworkDetail>('GET', `${base}/frameworks/soc2-tsc-2017`)).body;
      expect(history.at(-1)?.percent).toBe(soc2.readiness.percent);
    });
  });
});

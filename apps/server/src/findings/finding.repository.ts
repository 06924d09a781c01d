import type { Finding, FindingStatus } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface ApplySnapshotInput {
  workspaceId: string;
  connectionId: string;
  runId: string;
  now: Date;
  findings: readonly Finding[];
  /** Checks that could not see their evidence this run, with the reason. Their resources turn unknown instead of vanishing. */
  unavailableChecks: ReadonlyMap<string, string>;
  /** Checks that evaluated fresh evidence this run: their coverage moves to `now`. */
  coveredChecks: readonly string[];
}

export interface StoredFinding {
  id: string;
  connectionId: string;
  checkId: string;
  resourceId: string;
  resourceType: string;
  resourceName: string;
  status: FindingStatus;
  reason: string;
  evidenceHashes: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  statusSince: Date;
  /** The live exception covering this failing finding, if any. */
  exceptionId: string | null;
}

/** Remediation deadline per check (from its severity and the workspace SLA), in days. */
export interface SlaByCheck {
  checkIds: readonly string[];
  days: readonly number[];
}

export interface FindingFilter {
  status?: FindingStatus;
  checkIds?: readonly string[];
  resource?: string;
  connectionId?: string;
  /** Only failing findings past their SLA deadline and not covered by an exception. */
  overdue?: SlaByCheck;
  afterId?: string;
  limit: number;
}

export type CountsByCheck = Map<string, Record<FindingStatus | 'excepted', number>>;

interface ExistingRow {
  id: string;
  check_id: string;
  resource_id: string;
  resource_type: string;
  resource_name: string;
  status: FindingStatus;
  reason: string;
  evidence_hashes: string[];
}

function unchanged(prev: ExistingRow, f: Finding): boolean {
  return (
    prev.status === f.status &&
    prev.reason === f.reason &&
    prev.resource_name === f.resource.name &&
    prev.resource_type === f.resource.type &&
    prev.evidence_hashes.length === f.evidence.length &&
    prev.evidence_hashes.every((h, i) => h === f.evidence[i])
  );
}

// Findings joined with when their check last saw fresh evidence (f, c) and the workspace (w).
const FROM_FINDINGS = `finding f JOIN workspace w ON w.id = f.workspace_id
  LEFT JOIN finding_coverage c ON c.connection_id = f.connection_id AND c.check_id = f.check_id`;
// Evidence older than the workspace's freshness window is not evidence any more: the verdict
// it supported reads as `unknown` everywhere (API, scoring), never as the stale pass/fail.
const IS_STALE = `c.last_seen_at < $NOW::timestamptz - make_interval(hours => w.evidence_max_age_hours)`;
const EFFECTIVE_STATUS = `CASE WHEN ${IS_STALE} THEN 'unknown' ELSE f.status END`;
const EFFECTIVE_REASON = `CASE WHEN ${IS_STALE}
  THEN 'Evidence is stale: last collected ' || to_char(c.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC, older than the workspace freshness window of ' || w.evidence_max_age_hours || ' h. Last verdict: ' || f.status || ' — ' || f.reason
  ELSE f.reason END`;

// The live exception covering a failing finding, if any (the one expiring last). A derived table
// rather than a per-row subquery: live exceptions are few, so PostgreSQL hash-joins them against
// a million findings instead of probing once per finding.
const LIVE_FINDING_EXCEPTION = `LEFT JOIN (
    SELECT DISTINCT ON (e.check_id, e.resource_id) e.id, e.check_id, e.resource_id FROM control_exception e
    WHERE e.workspace_id = $1 AND e.scope = 'finding' AND e.state = 'approved' AND e.expires_at > $NOW::timestamptz
    ORDER BY e.check_id, e.resource_id, e.expires_at DESC) x
  ON f.status = 'fail' AND x.check_id = f.check_id AND x.resource_id = f.resource_id`;

function withNow(sql: string, index: number): string {
  return sql.replaceAll('$NOW', `$${index}`);
}

@Injectable()
export class FindingRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Replaces a connection's findings with one run's verdicts (full snapshot): new rows are
   * inserted, changed rows updated (status_since moves only when the status changes), rows
   * absent from the snapshot deleted — except for checks that could not see their evidence,
   * whose rows turn `unknown`. Unchanged rows are not written at all: the covered checks'
   * coverage row records that they were seen. Every status transition goes to finding_change.
   */
  async applySnapshot(manager: EntityManager, input: ApplySnapshotInput): Promise<void> {
    const { workspaceId, connectionId, runId, now } = input;
    const existing: ExistingRow[] = await manager.query(
      `SELECT id, check_id, resource_id, resource_type, resource_name, status, reason, evidence_hashes
       FROM finding WHERE workspace_id = $1 AND connection_id = $2`,
      [workspaceId, connectionId],
    );
    const byKey = new Map(existing.map((r) => [`${r.check_id}\u0000${r.resource_id}`, r]));
    const incoming = new Map(input.findings.map((f) => [`${f.checkId}\u0000${f.resource.id}`, f]));

    type Change = { checkId: string; resourceId: string; from: FindingStatus | null; to: FindingStatus | null; reason: string | null; hashes: readonly string[] | null };
    const changes: Change[] = [];
    const rows: Finding[] = [];
    for (const [key, f] of incoming) {
      const prev = byKey.get(key);
      if (prev && unchanged(prev, f)) continue;
      rows.push(f);
      changes.push({ checkId: f.checkId, resourceId: f.resource.id, from: prev?.status ?? null, to: f.status, reason: f.reason, hashes: f.evidence });
    }
    if (rows.length > 0) {
      await manager.query(
        `INSERT INTO finding (workspace_id, connection_id, check_id, resource_id, resource_type, resource_name, status, reason,
                              evidence_hashes, first_seen_at, status_since, last_run_id)
         SELECT $1, $2, t.check_id, t.resource_id, t.resource_type, t.resource_name, t.status, t.reason,
                ARRAY(SELECT jsonb_array_elements_text(t.hashes::jsonb)), $3, $3, $4
         FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
              AS t(check_id, resource_id, resource_type, resource_name, status, reason, hashes)
         ON CONFLICT (connection_id, check_id, resource_id) DO UPDATE SET
           resource_type = EXCLUDED.resource_type, resource_name = EXCLUDED.resource_name,
           status_since = CASE WHEN finding.status <> EXCLUDED.status THEN EXCLUDED.status_since ELSE finding.status_since END,
           status = EXCLUDED.status, reason = EXCLUDED.reason, evidence_hashes = EXCLUDED.evidence_hashes,
           last_run_id = EXCLUDED.last_run_id`,
        [
          workspaceId,
          connectionId,
          now,
          runId,
          rows.map((f) => f.checkId),
          rows.map((f) => f.resource.id),
          rows.map((f) => f.resource.type),
          rows.map((f) => f.resource.name),
          rows.map((f) => f.status),
          rows.map((f) => f.reason),
          rows.map((f) => JSON.stringify(f.evidence)),
        ],
      );
    }

    const absent = existing.filter((r) => !incoming.has(`${r.check_id}\u0000${r.resource_id}`));
    const toDelete: string[] = [];
    const toUnknown: { id: string; reason: string }[] = [];
    for (const row of absent) {
      const unavailable = input.unavailableChecks.get(row.check_id);
      if (unavailable === undefined) {
        toDelete.push(row.id);
        changes.push({ checkId: row.check_id, resourceId: row.resource_id, from: row.status, to: null, reason: 'resource no longer present in the snapshot', hashes: null });
        continue;
      }
      if (row.status === 'unknown' && row.reason === unavailable) continue;
      changes.push({ checkId: row.check_id, resourceId: row.resource_id, from: row.status, to: 'unknown', reason: unavailable, hashes: row.evidence_hashes });
      toUnknown.push({ id: row.id, reason: unavailable });
    }
    if (toUnknown.length > 0) {
      await manager.query(
        `UPDATE finding f SET status = 'unknown', reason = t.reason, last_run_id = $1,
           status_since = CASE WHEN f.status <> 'unknown' THEN $2 ELSE f.status_since END
         FROM unnest($3::bigint[], $4::text[]) AS t(id, reason) WHERE f.id = t.id`,
        [runId, now, toUnknown.map((u) => u.id), toUnknown.map((u) => u.reason)],
      );
    }
    if (toDelete.length > 0) await manager.query('DELETE FROM finding WHERE id = ANY($1::bigint[])', [toDelete]);
    if (input.coveredChecks.length > 0) {
      await manager.query(
        `INSERT INTO finding_coverage (workspace_id, connection_id, check_id, last_seen_at, last_run_id)
         SELECT $1, $2, t.check_id, $3, $4 FROM unnest($5::text[]) AS t(check_id)
         ON CONFLICT (connection_id, check_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, last_run_id = EXCLUDED.last_run_id`,
        [workspaceId, connectionId, now, runId, input.coveredChecks],
      );
    }

    if (changes.length > 0) {
      await manager.query(
        `INSERT INTO finding_change (workspace_id, connection_id, run_id, check_id, resource_id, from_status, to_status, reason, evidence_hashes, at)
         SELECT $1, $2, $3, t.check_id, t.resource_id, t.from_status, t.to_status, t.reason,
                CASE WHEN t.hashes IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(t.hashes::jsonb)) END, $4
         FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS t(check_id, resource_id, from_status, to_status, reason, hashes)`,
        [
          workspaceId,
          connectionId,
          runId,
          now,
          changes.map((c) => c.checkId),
          changes.map((c) => c.resourceId),
          changes.map((c) => c.from),
          changes.map((c) => c.to),
          changes.map((c) => c.reason),
          changes.map((c) => (c.hashes ? JSON.stringify(c.hashes) : null)),
        ],
      );
    }
  }

  /**
   * Effective status counts per check across the workspace (stale evidence counts as unknown).
   * A fresh failing finding covered by a live (approved, unexpired) finding exception counts as
   * `excepted` instead of `fail`.
   */
  async countsByCheck(manager: EntityManager | DataSource, workspaceId: string, now: Date): Promise<CountsByCheck> {
    // Counted per (connection, check, stored status) first: staleness is a property of the
    // (connection, check) coverage row, so it applies to whole groups, and the groups come from
    // an index-only scan of finding_counts instead of joining every finding row. Excepted
    // failures are counted separately, from the few live finding exceptions (each a probe of the
    // unique (connection_id, check_id, resource_id) index per connection).
    const rows: { check_id: string; status: FindingStatus | 'excepted'; n: string }[] = await manager.query(
      `WITH grouped AS (
         SELECT f.connection_id, f.check_id, f.status, count(*) AS n FROM finding f WHERE f.workspace_id = $1 GROUP BY 1, 2, 3),
       live AS (
         SELECT DISTINCT e.check_id, e.resource_id FROM control_exception e
         WHERE e.workspace_id = $1 AND e.scope = 'finding' AND e.state = 'approved' AND e.expires_at > $2::timestamptz),
       excepted AS (
         SELECT f.connection_id, f.check_id, count(*) AS n
         FROM live l JOIN connection cn ON cn.workspace_id = $1
         JOIN finding f ON f.connection_id = cn.id AND f.check_id = l.check_id AND f.resource_id = l.resource_id
         WHERE f.workspace_id = $1 AND f.status = 'fail' GROUP BY 1, 2),
       scored AS (
         SELECT g.check_id, g.status, g.n, COALESCE(x.n, 0) AS excepted, ${withNow(IS_STALE, 2)} AS stale
         FROM grouped g JOIN workspace w ON w.id = $1
         LEFT JOIN finding_coverage c ON c.connection_id = g.connection_id AND c.check_id = g.check_id
         LEFT JOIN excepted x ON g.status = 'fail' AND x.connection_id = g.connection_id AND x.check_id = g.check_id)
       SELECT s.check_id, v.status, sum(v.n) AS n
       FROM scored s CROSS JOIN LATERAL (VALUES
         (CASE WHEN s.stale THEN 'unknown' ELSE s.status END, s.n - CASE WHEN s.stale THEN 0 ELSE s.excepted END),
         ('excepted', CASE WHEN s.stale THEN 0 ELSE s.excepted END)) AS v(status, n)
       WHERE v.n > 0 GROUP BY 1, 2`,
      [workspaceId, now],
    );
    const out: CountsByCheck = new Map();
    for (const r of rows) {
      const c = out.get(r.check_id) ?? { pass: 0, fail: 0, unknown: 0, not_applicable: 0, excepted: 0 };
      c[r.status] += Number(r.n);
      out.set(r.check_id, c);
    }
    return out;
  }

  /** When any check of the workspace last evaluated fresh evidence. */
  async lastCollectedAt(workspaceId: string): Promise<Date | null> {
    const rows: { at: Date | null }[] = await this.ds.query('SELECT max(last_seen_at) AS at FROM finding_coverage WHERE workspace_id = $1', [workspaceId]);
    return rows[0]?.at ?? null;
  }

  async page(workspaceId: string, filter: FindingFilter, now: Date): Promise<StoredFinding[]> {
    const params: unknown[] = [workspaceId, now];
    const where = ['f.workspace_id = $1'];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status) where.push(`${withNow(EFFECTIVE_STATUS, 2)} = ${add(filter.status)}`);
    if (filter.checkIds) where.push(`f.check_id = ANY(${add(filter.checkIds)}::text[])`);
    if (filter.resource) {
      const p = add(`%${filter.resource.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(f.resource_id ILIKE ${p} OR f.resource_name ILIKE ${p})`);
    }
    if (filter.connectionId) where.push(`f.connection_id = ${add(filter.connectionId)}`);
    let slaJoin = '';
    if (filter.overdue) {
      slaJoin = `JOIN unnest(${add(filter.overdue.checkIds)}::text[], ${add(filter.overdue.days)}::int[]) AS sla(check_id, days) ON sla.check_id = f.check_id`;
      where.push(`${withNow(EFFECTIVE_STATUS, 2)} = 'fail' AND x.id IS NULL AND f.status_since + make_interval(days => sla.days) < $2::timestamptz`);
    }
    if (filter.afterId) where.push(`f.id > ${add(filter.afterId)}::bigint`);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT f.id::text AS id, f.connection_id, f.check_id, f.resource_id, f.resource_type, f.resource_name,
              ${withNow(EFFECTIVE_STATUS, 2)} AS status, ${withNow(EFFECTIVE_REASON, 2)} AS reason,
              f.evidence_hashes, f.first_seen_at, COALESCE(c.last_seen_at, f.first_seen_at) AS last_seen_at, f.status_since,
              x.id AS exception_id
       FROM ${FROM_FINDINGS}
       ${withNow(LIVE_FINDING_EXCEPTION, 2)}
       ${slaJoin}
       WHERE ${where.join(' AND ')}
       ORDER BY f.id LIMIT ${add(filter.limit)}`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      connectionId: String(r.connection_id),
      checkId: String(r.check_id),
      resourceId: String(r.resource_id),
      resourceType: String(r.resource_type),
      resourceName: String(r.resource_name),
      status: r.status as FindingStatus,
      reason: String(r.reason),
      evidenceHashes: r.evidence_hashes as string[],
      firstSeenAt: r.first_seen_at as Date,
      lastSeenAt: r.last_seen_at as Date,
      statusSince: r.status_since as Date,
      exceptionId: typeof r.exception_id === 'string' ? r.exception_id : null,
    }));
  }
}

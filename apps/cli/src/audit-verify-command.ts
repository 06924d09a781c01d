import type { AuditVerification } from '@astrolabe/api-contract';
import { auditBatchReader, verifyAuditChain, type AuditDbRow } from '@astrolabe/audit';
import type { Client } from 'pg';
import { DatabaseUnavailable, openDatabase, type DatabaseSettings } from './database';

export interface AuditVerifyOptions {
  /** A workspace id or slug; without it every workspace chain and the system chain. */
  workspace?: string;
  format: 'text' | 'json';
}

export type { DatabaseSettings };

export interface AuditVerifyIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** 0 every chain intact, 1 a chain is broken, 2 could not check (no database, no table, unknown workspace). */
export const AUDIT_EXIT = { intact: 0, broken: 1, error: 2 } as const;

interface Chain {
  id: string | null;
  label: string;
}

class CannotVerify extends Error {}

async function chainsToVerify(client: Client, workspace: string | undefined): Promise<Chain[]> {
  const ok = await client.query<{ ok: boolean }>("SELECT to_regclass('audit_log') IS NOT NULL AS ok");
  if (!ok.rows[0]?.ok) throw new CannotVerify('This database has no audit_log table: start the Astrolabe server once (it applies its migrations), then run again.');
  const all = await client.query<{ id: string; slug: string }>('SELECT id::text AS id, slug FROM workspace ORDER BY created_at, id');
  if (workspace === undefined) return [...all.rows.map((w) => ({ id: w.id, label: `${w.slug} (${w.id})` })), { id: null, label: 'system chain' }];
  const wanted = workspace.trim().toLowerCase();
  const found = all.rows.find((w) => w.id === wanted || w.slug === wanted);
  if (!found) throw new CannotVerify(`No workspace "${workspace}". Workspaces: ${all.rows.map((w) => w.slug).join(', ') || '(none)'}`);
  return [{ id: found.id, label: `${found.slug} (${found.id})` }];
}

function describe(chain: Chain, v: AuditVerification): string {
  if (v.intact) return `✔ ${chain.label}: intact, ${v.rows} row${v.rows === 1 ? '' : 's'}${v.headHash ? ` (head seq ${v.headSeq}, hash ${v.headHash})` : ''}\n`;
  const row = v.row ? `  first broken row as stored:\n${JSON.stringify(v.row, null, 2).replace(/^/gm, '    ')}\n` : '';
  return `✖ ${chain.label}: BROKEN at seq ${v.firstBrokenSeq}: ${v.reason} (${v.rows} row${v.rows === 1 ? '' : 's'} before it intact)\n${row}`;
}

/** `astrolabe audit verify`: walks each hash chain in the database and reports the first broken link. */
export async function runAuditVerifyCommand(opts: AuditVerifyOptions, db: DatabaseSettings, io: AuditVerifyIo): Promise<number> {
  let opened: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    opened = await openDatabase(db);
    const { client } = opened;
    const results: { chain: Chain; verification: AuditVerification }[] = [];
    for (const chain of await chainsToVerify(client, opts.workspace)) {
      const read = auditBatchReader(async (sql, params) => (await client.query<AuditDbRow>(sql, params)).rows, chain.id);
      const verification = await verifyAuditChain(read);
      results.push({ chain, verification });
      if (opts.format === 'text') io.stdout(describe(chain, verification));
    }
    if (opts.format === 'json') io.stdout(`${JSON.stringify(results.map((r) => ({ workspaceId: r.chain.id, chain: r.chain.label, ...r.verification })), null, 2)}\n`);
    return results.every((r) => r.verification.intact) ? AUDIT_EXIT.intact : AUDIT_EXIT.broken;
  } catch (err) {
    if (err instanceof CannotVerify || err instanceof DatabaseUnavailable) {
      io.stderr(`${err.message}\n`);
      return AUDIT_EXIT.error;
    }
    io.stderr(`Could not verify the audit log: ${err instanceof Error ? err.message : String(err)}\n`);
    return AUDIT_EXIT.error;
  } finally {
    await opened?.client.end().catch(() => undefined);
    await opened?.close().catch(() => undefined);
  }
}

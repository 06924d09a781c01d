import type { AuditEntry } from '@astrolabe/api-contract';
import { describe, expect, it } from 'vitest';
import { auditCsvHeader, auditCsvRow, csvField } from './audit-csv';

describe('audit CSV (RFC 4180)', () => {
  it('quotes fields holding a quote, comma, CR or LF and doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(403)).toBe('403');
  });

  it('defuses values a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes the header and one CRLF-terminated line per row, details as canonical JSON', () => {
    const row: AuditEntry = {
      workspaceId: 'w',
      seq: 7,
      at: '2025-01-01T00:00:00.000000Z',
      actorType: 'member',
      actorId: 'm-1',
      actorLabel: 'Doe, Jane',
      action: 'member.update',
      targetType: 'member',
      targetId: 'm-2',
      sourceIp: '127.0.0.1',
      outcome: 'denied',
      statusCode: 403,
      details: { role: 'owner', error: 'Not allowed' },
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    expect(auditCsvHeader()).toBe('seq,at,actor_type,actor_id,actor_label,action,target_type,target_id,source_ip,outcome,status_code,details,prev_hash,hash\r\n');
    expect(auditCsvRow(row)).toBe(
      `7,2025-01-01T00:00:00.000000Z,member,m-1,"Doe, Jane",member.update,member,m-2,127.0.0.1,denied,403,"{""error"":""Not allowed"",""role"":""owner""}",${'a'.repeat(64)},${'b'.repeat(64)}\r\n`,
    );
  });
});

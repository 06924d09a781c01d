import { createHash } from 'node:crypto';

/**
 * A GUID derived from a name (UUID v5 layout over SHA-1), so object ids, and therefore paging
 * tokens and evidence hashes, stay the same from run to run for the same scenario.
 */
export function stableGuid(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(`${namespace}\u0000${name.toLowerCase()}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

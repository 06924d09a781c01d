import { iamErrors } from './iam-error';
import type { QueryParams } from './query-params';

export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  marker: string | undefined;
}

const DEFAULT_MAX_ITEMS = 100;
const MAX_MAX_ITEMS = 1000;

/**
 * Marker/IsTruncated paging as IAM does it: MaxItems 1..1000 (default 100), and an opaque
 * marker that only the action which issued it accepts.
 */
export function paginate<T>(items: readonly T[], params: QueryParams, action: string): Page<T> {
  const rawMax = params.get('MaxItems');
  const maxItems = rawMax === undefined ? DEFAULT_MAX_ITEMS : Number(rawMax);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_MAX_ITEMS) {
    throw iamErrors.validation(
      `1 validation error detected: Value '${rawMax}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and ${MAX_MAX_ITEMS}`,
    );
  }
  const marker = params.get('Marker');
  const offset = marker === undefined || marker === '' ? 0 : decodeMarker(marker, action);
  const end = offset + maxItems;
  const truncated = end < items.length;
  return { items: items.slice(offset, end), isTruncated: truncated, marker: truncated ? encodeMarker(action, end) : undefined };
}

function encodeMarker(action: string, offset: number): string {
  return Buffer.from(JSON.stringify({ a: action, o: offset })).toString('base64');
}

function decodeMarker(marker: string, action: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(marker, 'base64').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'a' in parsed && 'o' in parsed && parsed.a === action && typeof parsed.o === 'number') {
      return parsed.o;
    }
  } catch {
    // fall through: any undecodable marker is rejected the same way
  }
  throw iamErrors.invalidInput('Invalid Marker.');
}

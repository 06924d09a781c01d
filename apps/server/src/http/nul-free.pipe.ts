import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { badRequest } from './problem';

/** Route parameters whose names in the URL template differ from the ones the API documents. */
const PARAM_FIELDS: Readonly<Record<string, string>> = { ws: 'workspaceId' };

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * The dotted path of the first string (value or key) containing U+0000, walking without
 * recursion so that a deeply nested body cannot exhaust the stack.
 */
export function findNul(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, path] = item;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      v.forEach((child, i) => stack.push([child, path ? `${path}.${i}` : String(i)]));
    } else if (isPlainObject(v)) {
      for (const [key, child] of Object.entries(v)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/**
 * PostgreSQL text cannot hold U+0000: a NUL anywhere in a path parameter, the query or the body
 * would fail its query with a 500. Rejected here, for every route, as a 400 naming the field.
 */
@Injectable()
export class NulFreePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const root = metadata.data ? (PARAM_FIELDS[metadata.data] ?? metadata.data) : '';
    const field = findNul(value, root);
    if (field !== undefined) throw badRequest([{ field: field || '(body)', message: 'must not contain the NUL character (U+0000)' }]);
    return value;
  }
}

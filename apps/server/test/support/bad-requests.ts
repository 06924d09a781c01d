import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import type { z } from 'zod';
import type { ROUTES } from '../../src/http/openapi';

// Generators of bad HTTP requests for the edge fuzz test (bad-requests.medium.spec.ts), driven by
// the same route table and zod schemas that build the OpenAPI document.

type Route = (typeof ROUTES)[number];

/** Real ids of the fuzzed workspace, so some requests get past "not found" into validation. */
export interface KnownIds {
  workspaceId: string;
  /** An owner: the acting member of most mutations. */
  actorId: string;
  /** Cookie and CSRF headers of the owner's and the viewer's sessions. */
  ownerHeaders: Record<string, string>;
  viewerHeaders: Record<string, string>;
  /** Another member (viewer): the target of member routes, never the acting owner. */
  memberId: string;
  controlId: string;
  frameworkId: string;
  requirementId: string;
  checkId: string;
}

export interface BadRequest {
  method: string;
  /** Path and query, already percent-encoded (or deliberately mis-encoded). */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What was bad about it, for failure messages. */
  label: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

// ---------------------------------------------------------------- zod schema introspection

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  element?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => schema._zod.def as unknown as SchemaDef;

/** The schema under optional/default/nullable wrappers and transforms: what the client must send. */
function unwrap(schema: z.ZodType): { schema: z.ZodType; nullable: boolean } {
  let current = schema;
  let nullable = false;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'nullable') nullable = true;
    if (def.innerType && ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return { schema: current, nullable };
  }
}

/** The fields of an object body (all options' fields for a union), with their schemas. */
export function bodyFields(schema: z.ZodType): [string, z.ZodType][] {
  const { schema: inner } = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object' && def.shape) return Object.entries(def.shape);
  if (def.type === 'union' && def.options) {
    const seen = new Map<string, z.ZodType>();
    for (const option of def.options) for (const [name, field] of bodyFields(option)) if (!seen.has(name)) seen.set(name, field);
    return [...seen];
  }
  return [];
}

// ---------------------------------------------------------------- primitive arbitraries

/** Any string, including NUL, control characters, emoji and (sometimes) lone surrogates. */
const nastyText = (maxLength: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 1, arbitrary: fc.string({ maxLength }).map((s) => `${s}\u0000${s}`) },
    { weight: 1, arbitrary: fc.constantFrom('\ud800', 'a\udfffb', '\u202e\u0000', 'Robert\'); DROP TABLE workspace;--', '<script>alert(1)</script>', '${jndi:ldap://x}', '{{7*7}}', '../../etc/passwd', '%00', '\r\nX-Injected: 1') },
  );

/** Header-safe text (what an HTTP client can put in a header value). */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength });

function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    // Lone surrogates cannot be percent-encoded as UTF-8: send them as U+FFFD instead.
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

/** Path segments and query values sent as they are: traversal, NUL, broken percent-encoding. */
const RAW_TOKENS = [
  '..',
  '.',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%2F',
  '%5C',
  '%00',
  'a%00b',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AE%C0%AE',
  '%FF%FE',
  '%ED%A0%80',
  '%0d%0aSet-Cookie:%20x=1',
  '%u0000',
  '%25',
  ';',
  '%3B',
  '%20',
  '~',
  '*',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999999',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '%7B%7D',
  '%5B%5D',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "1'%20OR%20'1'='1",
];

const realIdFor = (param: string, ids: KnownIds): string | undefined =>
  ({
    workspaceId: ids.workspaceId,
    memberId: ids.memberId,
    controlId: ids.controlId,
    frameworkId: ids.frameworkId,
    requirementId: ids.requirementId,
    checkId: ids.checkId,
  })[param];

function pathSegment(param: string, ids: KnownIds): fc.Arbitrary<string> {
  const real = realIdFor(param, ids);
  return fc.oneof(
    // The real workspace most of the time: a bad workspace id stops a request before anything else.
    { weight: real ? (param === 'workspaceId' ? 12 : 5) : 0, arbitrary: fc.constant(real ?? '') },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_TOKENS) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
    { weight: 3, arbitrary: nastyText(120).map(encodeSegment) },
    { weight: 1, arbitrary: fc.string({ minLength: 500, maxLength: 2500 }).map(encodeSegment) },
    { weight: real ? 1 : 0, arbitrary: fc.constant(`${real ?? ''}%00`) },
    { weight: real ? 1 : 0, arbitrary: fc.constant(`${real ?? ''}/..`) },
  );
}

// ---------------------------------------------------------------- query strings

const BAD_QUERY_VALUES = ['', '+', '%20', 'abc', '-1', '0', '1.5', '1e309', '-1e309', '99999999999999999999999', 'NaN', 'Infinity', '0x10', '1_000', 'null', 'TRUE', 'yes', '[]', '{}', '%00', '%', '%zz', 'a%00b', '2024-02-30', '0000-00-00', '9999-99-99', '1970-01-01', 'eyJpZCI6IjEifQ', 'e30', 'bm90IGpzb24'];

/** Cursors shaped like the API's own (base64url JSON), with values of the wrong type or out of range. */
const cursorString = fc.oneof(
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 3, arbitrary: fc.constantFrom('-'.repeat(36), 'g'.repeat(36), 'ZZZZZZZZ-0000-4000-8000-000000000000', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '99999999999999999999', '1e400', '-1', 'a\u0000b', '') },
  { weight: 1, arbitrary: fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const cursorNumber = fc.oneof(fc.constantFrom(1e308, -1e308, 2 ** 63, -1, 0, 0.5, Number.MAX_SAFE_INTEGER + 2), fc.integer());
const cursorAny = fc.oneof(cursorString, cursorNumber, fc.jsonValue({ maxDepth: 1 }));
const forgedCursor = fc
  .oneof(
    fc.record({ at: cursorString, id: cursorString }),
    fc.record({ at: cursorAny, id: cursorAny }, { requiredKeys: [] }),
    fc.record({ rank: cursorNumber, after: cursorString }),
    fc.record({ rank: cursorAny, after: cursorAny }, { requiredKeys: [] }),
    fc.record({ id: cursorAny }),
    fc.record({ seq: cursorAny }),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map((o) => Buffer.from(JSON.stringify(o) ?? 'null').toString('base64url'));

function queryValue(schema: z.ZodType | undefined, name = ''): fc.Arbitrary<string> {
  const def = schema ? defOf(unwrap(schema).schema) : undefined;
  const valid = def?.entries ? Object.values(def.entries).map(String) : def?.values ? def.values.map(String) : [];
  return fc.oneof(
    { weight: name === 'cursor' ? 6 : 0, arbitrary: forgedCursor },
    { weight: 3, arbitrary: fc.constantFrom(...BAD_QUERY_VALUES) },
    { weight: valid.length > 0 ? 1 : 0, arbitrary: fc.constantFrom(...(valid.length > 0 ? valid : ['x'])).map((v) => v.toUpperCase()) },
    { weight: valid.length > 0 ? 1 : 0, arbitrary: fc.constantFrom(...(valid.length > 0 ? valid : ['x'])) },
    { weight: 3, arbitrary: nastyText(80).map(encodeSegment) },
    { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 1500 }).map(encodeSegment) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: false })).map((n) => encodeSegment(String(n))) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

function queryString(route: Route): fc.Arbitrary<string> {
  const shape: Record<string, z.ZodType> = route.query ? (defOf(route.query).shape ?? {}) : {};
  const names = Object.keys(shape);
  const pair = fc.oneof(
    // a known parameter with a bad value, once or repeated (arrays)
    { weight: names.length > 0 ? 6 : 0, arbitrary: fc.tuple(fc.constantFrom(...(names.length > 0 ? names : ['x'])), fc.integer({ min: 1, max: 3 })).chain(([name, times]) => fc.array(queryValue(shape[name], name), { minLength: times, maxLength: times }).map((vs) => vs.map((v) => `${name}=${v}`).join('&'))) },
    // bracket syntax some parsers turn into objects
    { weight: names.length > 0 ? 1 : 0, arbitrary: fc.tuple(fc.constantFrom(...(names.length > 0 ? names : ['x'])), fc.constantFrom('[]', '[a]', '[__proto__]', '[0]', '.x')).map(([name, suffix]) => `${encodeSegment(name + suffix)}=1`) },
    // unknown parameters and bare keys
    { weight: 2, arbitrary: fc.tuple(nastyText(20).map(encodeSegment), queryValue(undefined)).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '&&&', '=', '==', '?', '#x', 'a=1&a', names[0] ?? 'limit') },
  );
  const pairs = fc.array(pair, { minLength: route.query ? 1 : 0, maxLength: 6 }).map((ps) => (ps.length > 0 ? `?${ps.join('&')}` : ''));
  // One bad parameter alone, so that nothing else fails validation before it is looked at.
  const single = fc.constantFrom(...(names.length > 0 ? names : ['x'])).chain((name) => queryValue(shape[name], name).map((v) => `?${name}=${v}`));
  return fc.oneof({ weight: 3, arbitrary: pairs }, { weight: names.length > 0 ? 2 : 0, arbitrary: single });
}

// ---------------------------------------------------------------- JSON bodies

const smallJson = fc.jsonValue({ maxDepth: 2 });

/** A value of a JSON type the field does not take (null only where null is not allowed). */
function wrongValue(field: z.ZodType): fc.Arbitrary<unknown> {
  const { schema, nullable } = unwrap(field);
  const type = defOf(schema).type;
  const choices: fc.Arbitrary<unknown>[] = [];
  if (!nullable) choices.push(fc.constant(null));
  if (type !== 'string' && type !== 'enum' && type !== 'literal' && type !== 'union') choices.push(nastyText(40));
  if (type !== 'number') choices.push(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e308, -1e308, 2 ** 63, -0)));
  if (type !== 'boolean') choices.push(fc.boolean());
  if (type !== 'array') choices.push(fc.array(smallJson, { maxLength: 4 }));
  if (type !== 'object' && type !== 'record') choices.push(fc.dictionary(fc.string({ maxLength: 8 }), smallJson, { maxKeys: 4 }));
  if (type === 'array') choices.push(fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.dictionary(fc.string(), fc.integer())), { minLength: 1, maxLength: 4 }));
  if (type === 'enum' || type === 'literal') choices.push(fc.oneof(fc.integer(), fc.boolean()));
  return fc.oneof(...choices);
}

const DATE_LIKE = ['2024-02-30', '2023-13-01', '0000-00-00', '2999-01-01', '1900-01-01', '2024-1-1', '2024-01-01T00:00:00Z', '2024-01-01T25:00:00+01:00', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00Z', ''];

/** A value of the right JSON type, often out of range or nasty: gets past the type check. */
function plausibleValue(name: string, field: z.ZodType, ids: KnownIds, depth = 0): fc.Arbitrary<unknown> {
  const { schema } = unwrap(field);
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      if (/id$/i.test(name)) return fc.oneof(fc.uuid(), fc.constantFrom(ids.actorId, ids.memberId, ids.controlId, ids.checkId, ids.requirementId, ids.frameworkId), nastyText(100));
      if (/email/i.test(name)) return fc.oneof(fc.constantFrom('a@example.com', 'A@EXAMPLE.COM', 'a@b', '@example.com', `${'a'.repeat(300)}@example.com`), fc.emailAddress(), nastyText(40));
      if (/slug/i.test(name)) return fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}$/).map((s) => `fz${s}`), nastyText(70));
      if (/url/i.test(name)) return fc.oneof(fc.constantFrom('https://example.com/evidence', 'javascript:alert(1)', 'file:///etc/passwd', 'http://[::1', 'data:text/html,<b>x</b>'), fc.webUrl(), nastyText(60));
      if (/on$|at$|since/i.test(name)) return fc.oneof(fc.constantFrom(...DATE_LIKE), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), nastyText(30));
      if (/schedule/i.test(name)) return fc.constantFrom('* * * * * *', 'every day', '61 * * * *', '', ' ', '*/0 * * * *');
      return fc.oneof({ weight: 4, arbitrary: nastyText(300) }, { weight: 1, arbitrary: fc.string({ minLength: 4000, maxLength: 9000 }) });
    case 'number':
      return fc.oneof(fc.integer({ min: -10, max: 5000 }), fc.constantFrom(0, -1, 0.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MIN_VALUE));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'array':
      return depth > 2 || !def.element ? fc.constant([]) : fc.array(plausibleValue(name, def.element, ids, depth + 1), { maxLength: 60 });
    case 'record':
      return fc.dictionary(nastyText(20), fc.oneof(smallJson, deepNesting(5, 200).map((t) => JSON.parse(t) as unknown)), { maxKeys: 6 });
    case 'object':
    case 'union':
      return depth > 2 ? fc.constant({}) : objectBody(schema, ids, depth + 1, false);
    default:
      return smallJson;
  }
}

/**
 * An object for the schema: each field missing, plausible or of the wrong type; with `forceBad`,
 * at least one field has the wrong type, so the body as a whole is invalid.
 */
function objectBody(schema: z.ZodType, ids: KnownIds, depth: number, forceBad: boolean): fc.Arbitrary<Record<string, unknown>> {
  const fields = bodyFields(schema);
  if (fields.length === 0) return fc.dictionary(fc.string({ maxLength: 10 }), smallJson, { maxKeys: 4 });
  const perField = fields.map(([name, field]) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant<{ present: false } | { present: true; value: unknown }>({ present: false }) },
      { weight: 5, arbitrary: plausibleValue(name, field, ids, depth).map((value) => ({ present: true as const, value })) },
      { weight: 3, arbitrary: wrongValue(field).map((value) => ({ present: true as const, value })) },
    ),
  );
  return fc.tuple(fc.tuple(...perField), fc.nat({ max: fields.length - 1 }), forceBad ? fc.tuple(...fields.map(([, f]) => wrongValue(f))) : fc.constant([]), fc.dictionary(fc.string({ maxLength: 12 }), smallJson, { maxKeys: 2 })).map(([values, badIndex, wrongs, extra]) => {
    const out: Record<string, unknown> = { ...extra };
    fields.forEach(([name], i) => {
      const v = values[i];
      if (forceBad && i === badIndex) out[name] = wrongs[i];
      else if (v?.present) out[name] = v.value;
    });
    return out;
  });
}

/** `[[[…]]]` or `{"a":{"a":…}}`, as JSON text. */
function deepNesting(min: number, max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min, max }), fc.boolean()).map(([n, arrays]) => (arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));
}

const GARBAGE_JSON = ['{', '{"a":', '[', '}', 'nul', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', '\ufeff{}', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"a":1e99999}', '{"a":-}', '"\\x41"', '{"__proto__":', '/* */{}', '{a:1}', 'undefined', 'NaN', '[1,2,,3]'];
const PROTO_JSON = ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"__proto__":{"isAdmin":true},"slug":"x"}', '{"config":{"__proto__":{"polluted":true}},"name":"x","connectorId":"aws-iam","schedule":"bad"}'];

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8'];
const WRONG_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=zz', 'application/xml', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/vnd.api+json', 'application/merge-patch+json', 'application/*', '*/*', 'application/json; charset=', 'garbage', 'application/json, text/plain'];

interface Payload {
  body?: Buffer;
  headers: Record<string, string>;
  label: string;
}

const jsonPayload = (text: string, label: string, contentType = 'application/json'): Payload => ({ body: Buffer.from(text, 'utf8'), headers: { 'content-type': contentType }, label });

function jsonBodyPayload(route: Route, ids: KnownIds): fc.Arbitrary<Payload> {
  const fieldsBody = route.body ? objectBody(route.body, ids, 0, true).map((b) => JSON.stringify(b)) : fc.dictionary(fc.string({ maxLength: 10 }), smallJson, { maxKeys: 5 }).map((b) => JSON.stringify(b));
  return fc.oneof(
    { weight: 12, arbitrary: fc.tuple(fieldsBody, fc.constantFrom(...JSON_TYPES)).map(([t, ct]) => jsonPayload(t, 'fields of the wrong type or missing', ct)) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...GARBAGE_JSON), fc.string({ unit: 'binary', maxLength: 200 })).map((t) => jsonPayload(t, 'invalid JSON text')) },
    { weight: 2, arbitrary: fc.oneof(fc.array(smallJson, { maxLength: 5 }), fc.integer(), fc.string(), fc.constant(null), fc.boolean()).map((v) => jsonPayload(JSON.stringify(v), 'JSON that is not an object')) },
    { weight: 1, arbitrary: deepNesting(50, 20_000).map((t) => jsonPayload(t, 'deeply nested JSON')) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_JSON).map((t) => jsonPayload(t, 'prototype pollution')) },
    { weight: 2, arbitrary: fc.tuple(fieldsBody, fc.constantFrom(...WRONG_TYPES)).map(([t, ct]) => jsonPayload(t, `wrong content-type ${ct}`, ct)) },
    { weight: 1, arbitrary: fieldsBody.map((t): Payload => ({ body: Buffer.from(t), headers: {}, label: 'no content-type' })) },
    { weight: 1, arbitrary: fc.tuple(fieldsBody, fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip', 'identity')).map(([t, enc]): Payload => ({ body: Buffer.from(t), headers: { 'content-type': 'application/json', 'content-encoding': enc }, label: `content-encoding ${enc} over plain bytes` })) },
    // over the 256 kB JSON limit, or just under it with one huge string
    { weight: 1, arbitrary: fc.constantFrom(200_000, 300_000).map((n) => jsonPayload(JSON.stringify({ name: 'x'.repeat(n), slug: 'huge', reason: 'y'.repeat(n / 10) }), `a ${n}-character string`)) },
  );
}

/** multipart/form-data for the evidence upload: fuzzed fields, odd file names, broken framing. */
function multipartPayload(route: Route, ids: KnownIds): fc.Arbitrary<Payload> {
  const fields = route.body ? objectBody(route.body, ids, 0, false) : fc.constant({});
  const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = fc.record({
    field: fc.constantFrom('file', 'file', 'other', 'file[]'),
    name: fc.oneof(fc.constantFrom('../../etc/passwd', 'a"b.txt', 'évidence.pdf', '', 'x'.repeat(400), 'con.txt', '\u202egnp.exe'), fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => s.replace(/["\r\n]/g, ''))),
    type: fc.constantFrom('text/plain', 'text/html', 'image/svg+xml', 'application/octet-stream', '', 'x/y; a=b'),
    content: fc.oneof(fc.constant(''), fc.string({ maxLength: 200 })),
    copies: fc.integer({ min: 1, max: 3 }),
  });
  return fc.tuple(fields, fc.option(file), fc.constantFrom('ok', 'ok', 'ok', 'truncated', 'no-final-boundary', 'many-fields', 'wrong-boundary')).map(([values, f, framing]) => {
    let text = Object.entries(values)
      .map(([k, v]) => part(k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''))
      .join('');
    if (framing === 'many-fields') text += Array.from({ length: 12 }, (_, i) => part(`f${i}`, 'x')).join('');
    if (f) for (let i = 0; i < f.copies; i++) text += `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n${f.content}\r\n`;
    text += framing === 'no-final-boundary' ? '' : `--${boundary}--\r\n`;
    if (framing === 'truncated') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    const header = framing === 'wrong-boundary' ? 'multipart/form-data; boundary=somethingElse' : `multipart/form-data; boundary=${boundary}`;
    return { body: Buffer.from(text, 'utf8'), headers: { 'content-type': header }, label: `multipart (${framing}${f ? `, ${f.copies} file(s) in "${f.field}"` : ''})` };
  });
}

function bodyPayload(route: Route, method: string, ids: KnownIds): fc.Arbitrary<Payload> {
  if (method === 'GET' || method === 'DELETE') return fc.oneof({ weight: 5, arbitrary: fc.constant<Payload>({ headers: {}, label: 'no body' }) }, { weight: 1, arbitrary: jsonBodyPayload(route, ids) });
  if (route.multipart) return fc.oneof(multipartPayload(route, ids), jsonBodyPayload(route, ids));
  return jsonBodyPayload(route, ids);
}

// ---------------------------------------------------------------- headers

/** Signing out with the shared sessions would leave every later request unauthenticated (shallow). */
const signsOut = (route: Route) => route.path.startsWith('/api/v1/auth/logout');

/** Who the request claims to be: mostly a real owner or viewer session, sometimes nobody or a forged credential. */
function credentials(ids: KnownIds): fc.Arbitrary<Record<string, string>> {
  const cookieOf = (h: Record<string, string>) => h['cookie'] ?? '';
  const weighted = (weight: number, arbitrary: fc.Arbitrary<Record<string, string>>) => ({ weight, arbitrary });
  return fc.oneof(
    weighted(7, fc.constant(ids.ownerHeaders)),
    weighted(2, fc.constant(ids.viewerHeaders)),
    weighted(1, fc.constant<Record<string, string>>({})),
    // The owner's cookie without (or with a wrong) CSRF token.
    weighted(1, fc.constantFrom<Record<string, string>>({ cookie: cookieOf(ids.ownerHeaders) }, { cookie: cookieOf(ids.ownerHeaders), 'x-csrf-token': 'forged' })),
    weighted(1, headerText(120).map((v) => ({ cookie: `astrolabe_session=${v}` }))),
    weighted(1, fc.constantFrom('Bearer astro_forged', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer astro_' + 'a'.repeat(43), 'Token x').map((v) => ({ authorization: v }))),
  );
}

const extraHeaders = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Record<string, string>>({}) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({ origin: 'null' }) },
  { weight: 1, arbitrary: headerText(60).map((v) => ({ accept: v, 'accept-language': v, 'x-forwarded-for': v, 'if-none-match': v })) },
  { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ range: 'bytes=0-1' }, { expect: '100-continue' }, { 'transfer-encoding': 'chunked' }, { 'x-http-method-override': 'DELETE' }, { 'content-language': '\u00ff\u00fe' }) },
);

// ---------------------------------------------------------------- requests

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Node answers a request line plus headers over 16 kB with a bare 431 before the app sees it. */
const MAX_HEAD_BYTES = 14_000;

/** Bad requests for one route: bad path parameters, query, body and headers, in combination. */
export function badRequestsFor(route: Route, ids: KnownIds): fc.Arbitrary<BadRequest> {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const segments = fc.tuple(...params.map((p) => pathSegment(p, ids)));
  const method = fc.oneof({ weight: 9, arbitrary: fc.constant(route.method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });
  return fc
    .tuple(method, params.length > 0 ? segments : fc.constant([] as string[]), queryString(route), signsOut(route) ? fc.constant<Record<string, string>>({}) : credentials(ids), extraHeaders)
    .chain(([m, segs, query, creds, extra]) =>
      bodyPayload(route, m, ids).map((payload): BadRequest => {
        let i = 0;
        const path = route.path.replace(/\{\w+\}/g, () => segs[i++] ?? '');
        const headers: Record<string, string> = { ...extra, ...payload.headers, ...creds };
        return { method: m, url: `${path}${query}`, headers, body: payload.body, label: `${route.method.toUpperCase()} ${route.path}: ${payload.label}` };
      }),
    )
    .filter((r) => r.url.length + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0) < MAX_HEAD_BYTES);
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

/** Sends exactly these bytes (no URL normalisation, unlike fetch) and reads the whole answer. */
export function send(baseUrl: string, req: BadRequest, timeoutMs = 15_000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body && headers['transfer-encoding'] === undefined) headers['content-length'] = req.body.length;
    const r = httpRequest({ host: hostname, port, method: req.method, path: req.url, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

// ---------------------------------------------------------------- checks

const STACK_PATTERNS: [RegExp, string][] = [
  [/\bat [^\s()]+ \([^()]*:\d+:\d+\)/, 'a stack frame "at fn (file:line:col)"'],
  [/\bat (?:\/|file:\/\/)[^\s]*:\d+:\d+/, 'a stack frame "at /file:line:col"'],
  [/node_modules/, '"node_modules"'],
  [/\b\w*Error: [^\n"]*(?:\/[\w.@-]+){2,}\.[cm]?[jt]s\b/, 'an error message naming a source file'],
  [/\/work\/|\/home\/|\/usr\/src\//, 'a server file system path'],
];

/** What is wrong with an answer to a bad request (nothing, ideally). */
export function answerViolations(res: RawResponse): string[] {
  const out: string[] = [];
  if (res.status >= 500) out.push(`status ${res.status}`);
  const type = String(res.headers['content-type'] ?? '');
  if (res.status >= 400 && res.status < 500) {
    if (!type.startsWith('application/problem+json')) out.push(`4xx with content-type "${type}", not application/problem+json`);
    else {
      try {
        const problem = JSON.parse(res.text) as { status?: unknown };
        if (problem.status !== res.status) out.push(`problem status ${String(problem.status)} ≠ HTTP status ${res.status}`);
      } catch {
        out.push('problem+json body is not JSON');
      }
    }
  }
  // A stack could hide in a JSON string (escaped newlines): look at the decoded text too.
  let decoded = res.text;
  try {
    decoded = JSON.stringify(JSON.parse(res.text), null, 0).replace(/\\n/g, '\n');
  } catch {
    // not JSON
  }
  for (const [pattern, what] of STACK_PATTERNS) if (pattern.test(res.text) || pattern.test(decoded)) out.push(`body contains ${what}`);
  return out;
}

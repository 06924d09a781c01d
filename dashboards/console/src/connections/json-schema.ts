// Turns a connector's JSON Schema (config or secret) into form fields. Only the flat shapes a
// connector manifest uses are supported: string, enum, boolean, number/integer properties.
// What the schema says wins; console hints (field-hints.ts) only fill in what it leaves out.

import type { FieldHint } from './field-hints';

export type FieldKind = 'string' | 'enum' | 'boolean' | 'number';

export interface SchemaField {
  /** Dotted path as the API names it in field errors: `config.region`, `secret.accessKeyId`. */
  path: string;
  name: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  options: string[];
  defaultValue?: string | number | boolean;
  placeholder?: string;
  secret: boolean;
  /** number fields: whole numbers only (`type: integer`), and the schema's bounds. */
  integer: boolean;
  minimum?: number;
  maximum?: number;
  /** Long, multi-line values (a PEM private key) get a textarea. */
  multiline: boolean;
  /** Alternatives shown together (a token, or a GitHub App's three fields). */
  group?: string;
}

export type FieldValue = string | boolean;

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `anyOf: [{type:'string'}, {type:'null'}]` and `type: ['string','null']` both mean "a string". */
function effective(schema: JsonObject): JsonObject {
  const variants = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(variants)) {
    const first = variants.find((v): v is JsonObject => isObject(v) && v['type'] !== 'null');
    if (first) return { ...schema, ...effective(first) };
  }
  return schema;
}

function typeOf(schema: JsonObject): string | undefined {
  const t = schema['type'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  return undefined;
}

function kindOf(schema: JsonObject): FieldKind | null {
  if (Array.isArray(schema['enum'])) return 'enum';
  const t = typeOf(schema);
  if (t === 'boolean') return 'boolean';
  if (t === 'number' || t === 'integer') return 'number';
  if (t === 'string' || t === undefined) return 'string';
  return null;
}

/** `roleArn` → "Role ARN", `endpointUrl` → "Endpoint URL". */
export function labelFromName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((w) => (/^(arn|url|id|iam|aws|mfa|sso|api)$/i.test(w) ? w.toUpperCase() : w.toLowerCase()));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const asNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** PEM keys and certificates span many lines. */
const MULTILINE_NAME = /privatekey|certificate|pem$/i;

function asPrimitive(v: unknown): string | number | boolean | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

export function schemaFields(schema: Record<string, unknown>, prefix: 'config' | 'secret', hints: Readonly<Record<string, FieldHint>> = {}): SchemaField[] {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : []);
  const fields: SchemaField[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    if (!isObject(raw)) continue;
    const prop = effective(raw);
    const kind = kindOf(prop);
    if (!kind) continue; // nested objects/arrays are not configurable from the console yet
    const examples = Array.isArray(prop['examples']) ? prop['examples'] : [];
    const path = `${prefix}.${name}`;
    const hint = hints[path] ?? {};
    fields.push({
      path,
      name,
      kind,
      label: typeof prop['title'] === 'string' ? prop['title'] : labelFromName(name),
      description: typeof prop['description'] === 'string' ? prop['description'] : hint.description,
      required: required.has(name),
      options: kind === 'enum' ? (prop['enum'] as unknown[]).map((o) => String(o)) : [],
      defaultValue: asPrimitive(prop['default']),
      placeholder: asPrimitive(examples[0])?.toString() ?? hint.placeholder ?? (prop['format'] === 'uri' ? 'https://' : undefined),
      secret: prefix === 'secret',
      integer: typeOf(prop) === 'integer',
      minimum: asNumber(prop['minimum']),
      maximum: asNumber(prop['maximum']),
      multiline: kind === 'string' && (hint.multiline ?? MULTILINE_NAME.test(name)),
      group: hint.group,
    });
  }
  return fields;
}

/** "Whole number, 0–24": the bounds a number field accepts, for its help text. */
export function numberRange(field: SchemaField): string | undefined {
  if (field.kind !== 'number') return undefined;
  const what = field.integer ? 'Whole number' : 'Number';
  const { minimum: min, maximum: max } = field;
  if (min !== undefined && max !== undefined) return `${what}, ${min}–${max}.`;
  if (min !== undefined) return `${what}, at least ${min}.`;
  if (max !== undefined) return `${what}, at most ${max}.`;
  return field.integer ? `${what}.` : undefined;
}

export function initialValues(fields: SchemaField[]): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of fields) {
    if (f.kind === 'boolean') out[f.path] = f.defaultValue === true;
    else if (f.defaultValue !== undefined) out[f.path] = String(f.defaultValue);
    // A required select shows its first option; the state must say the same thing.
    else out[f.path] = f.kind === 'enum' && f.required ? (f.options[0] ?? '') : '';
  }
  return out;
}

/** Form values → the JSON body object. Empty optional strings are left out, not sent as "". */
export function toPayload(fields: SchemaField[], values: Record<string, FieldValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.path];
    if (f.kind === 'boolean') {
      out[f.name] = v === true;
      continue;
    }
    const s = typeof v === 'string' ? v.trim() : '';
    if (s === '') continue;
    out[f.name] = f.kind === 'number' && !Number.isNaN(Number(s)) ? Number(s) : s;
  }
  return out;
}

import { iamTimestamp } from './relative-date';

/**
 * A tiny XML writer for the shapes of the IAM Query protocol: structures become nested
 * elements, lists become `<member>` children, maps become `<entry><key/><value/></entry>`.
 * `undefined` members are left out, as IAM leaves out absent optional fields.
 */
export type XmlValue = string | number | boolean | Date | XmlList | XmlMap | XmlStruct | undefined;
export interface XmlStruct {
  readonly [name: string]: XmlValue;
}

export class XmlList {
  constructor(readonly items: readonly XmlValue[]) {}
}

export class XmlMap {
  constructor(readonly entries: ReadonlyArray<readonly [string, XmlValue]>) {}
}

export const list = (items: readonly XmlValue[]): XmlList => new XmlList(items);
export const map = (entries: ReadonlyArray<readonly [string, XmlValue]>): XmlMap => new XmlMap(entries);

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

function body(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return iamTimestamp(value);
  if (value instanceof XmlList) return value.items.map((item) => element('member', item)).join('');
  if (value instanceof XmlMap) return value.entries.map(([k, v]) => `<entry>${element('key', k)}${element('value', v)}</entry>`).join('');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => element(k, v)).join('');
  return escapeXml(String(value));
}

export function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  const inner = body(value);
  return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

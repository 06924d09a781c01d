import type { AzureEnvironmentClassification } from '@astrolabe/core';
import type { EnvironmentRules } from './manifest';

const NONE: AzureEnvironmentClassification = { environment: null, basis: null };

/** `rg-Web_PROD.01` → rg, web, prod, 01: the words a name rule compares. */
const words = (name: string): string[] => name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');

/**
 * What the connection's rules say a subscription or resource group is, and why. An environment
 * tag decides when its value is one the rules know; otherwise a word of the name does. A name
 * with words of both kinds (`prod-to-dev-sync`) identifies nothing: a guess would be worse.
 */
export function classify(name: string, tags: Readonly<Record<string, string>>, rules: EnvironmentRules): AzureEnvironmentClassification {
  const byKey = new Map(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), { key: k, value: v }]));
  for (const tagKey of rules.tagKeys) {
    const tag = byKey.get(tagKey);
    if (!tag) continue;
    const value = tag.value.trim().toLowerCase();
    if (rules.productionValues.includes(value)) return { environment: 'production', basis: `tag ${tag.key}=${tag.value}` };
    if (rules.nonProductionValues.includes(value)) return { environment: 'non-production', basis: `tag ${tag.key}=${tag.value}` };
  }
  const w = words(name);
  const production = w.find((x) => rules.productionNames.includes(x));
  const nonProduction = w.find((x) => rules.nonProductionNames.includes(x));
  if (production && !nonProduction) return { environment: 'production', basis: `name "${name}" contains "${production}"` };
  if (nonProduction && !production) return { environment: 'non-production', basis: `name "${name}" contains "${nonProduction}"` };
  return NONE;
}

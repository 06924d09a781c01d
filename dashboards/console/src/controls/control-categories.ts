import type { CreateControlBody } from '@astrolabe/api-contract';

export type ControlCategory = CreateControlBody['category'];

/** The contract's category list (a Record, so a new category in the contract fails the type check here). */
export const CATEGORY_LABEL: Record<ControlCategory, string> = {
  'access-security': 'Access security',
  availability: 'Availability',
  'change-management': 'Change management',
  communications: 'Communications',
  confidentiality: 'Confidentiality',
  'incident-response': 'Incident response',
  'network-security': 'Network security',
  'organizational-management': 'Organizational management',
  'physical-security': 'Physical security',
  'risk-assessment': 'Risk assessment',
  'vulnerability-management': 'Vulnerability management',
};

export function categoryLabel(category: string): string {
  return (CATEGORY_LABEL as Record<string, string>)[category] ?? category;
}

import type { PolicyDocument, PolicyStatement } from '@astrolabe/core';

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

/**
 * CIS 1.15: an Allow statement whose Action is "*" (or "*:*") on Resource "*" grants full
 * administrative rights. Conditions are ignored on purpose: CIS flags the grant itself, and a
 * condition (source IP, MFA) narrows who can use it, not what it can do. Effect is compared
 * case-insensitively so a sloppy document cannot slip past.
 */
export function isFullAdminStatement(statement: PolicyStatement): boolean {
  return (
    statement.Effect.toLowerCase() === 'allow' &&
    asList(statement.Action).some((action) => action === '*' || action === '*:*') &&
    asList(statement.Resource).includes('*')
  );
}

/** Labels of the offending statements ("statement \"AllowAll\"", "statement #2") for the reason text. */
export function fullAdminStatementLabels(document: PolicyDocument): string[] {
  return statementsOf(document)
    .map((statement, index) => ({ statement, index }))
    .filter(({ statement }) => isFullAdminStatement(statement))
    .map(({ statement, index }) => (statement.Sid ? `statement "${statement.Sid}"` : `statement #${index + 1}`));
}

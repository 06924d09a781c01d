import type { ConnectorInfo } from '@astrolabe/api-contract';
import { CopyButton } from '../components/copy-button';
import { CredentialHelp } from './credential-help';

/** IAM-style actions (`iam:GetAccountSummary`) can be handed over as a ready-made read-only policy. */
function iamPolicy(permissions: string[]): string | null {
  if (permissions.length === 0 || !permissions.every((p) => /^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(p))) return null;
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'AstrolabeReadOnly', Effect: 'Allow', Action: permissions, Resource: '*' }] }, null, 2);
}

export function PermissionsPanel({ connector }: { connector: ConnectorInfo }) {
  const policy = iamPolicy(connector.permissions);
  return (
    <section className="card card-compact" data-testid="permissions">
      <h2 className="card-title-small">Permissions to grant</h2>
      <p className="small muted">Read-only. Astrolabe never writes to your account. Without one of these, the evidence that needs it is reported as unknown, never as passing.</p>
      <ul className="permission-list">
        {connector.permissions.map((p) => (
          <li key={p} className="mono">
            {p}
          </li>
        ))}
      </ul>
      {policy && (
        <div className="permission-actions">
          <CopyButton text={policy} label="Copy as IAM policy JSON" testId="copy-policy" />
        </div>
      )}
      {connector.evidenceKinds.length > 0 && (
        <details className="kinds-details">
          <summary>What each permission is used for</summary>
          <table className="table table-compact">
            <tbody>
              {connector.evidenceKinds.map((k) => (
                <tr key={k.kind}>
                  <td>{k.title}</td>
                  <td className="mono small">{k.permissions.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <h3 className="card-title-small spaced">Credentials</h3>
      <CredentialHelp help={connector.credentialHelp} />
    </section>
  );
}

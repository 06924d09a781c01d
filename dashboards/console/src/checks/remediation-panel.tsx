import type { CheckView } from '@astrolabe/api-contract';
import { CodeBlock } from '../components/code-block';

/** How to fix a failing resource: the why in one line, then console, CLI and Terraform routes. */
export function RemediationPanel({ remediation }: { remediation: CheckView['remediation'] }) {
  return (
    <section className="remediation" data-testid="remediation">
      <h4>Remediation</h4>
      <p className="remediation-summary">{remediation.summary}</p>
      <div className="remediation-grid">
        <div>
          <h5>In the AWS console</h5>
          <ol className="steps" data-testid="remediation-console">
            {remediation.console.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </div>
        <div className="remediation-code">
          <CodeBlock title="AWS CLI" language="shell" code={remediation.cli} testId="remediation-cli" />
          <CodeBlock title="Terraform" language="hcl" code={remediation.terraform} testId="remediation-terraform" />
        </div>
      </div>
    </section>
  );
}

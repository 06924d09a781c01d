import { CopyButton } from './copy-button';

export function CodeBlock({ code, language, title, testId }: { code: string; language: string; title?: string; testId?: string }) {
  return (
    <figure className="code-block" data-testid={testId}>
      <figcaption>
        <span>{title ?? language}</span>
        <CopyButton text={code} testId={testId ? `${testId}-copy` : undefined} />
      </figcaption>
      <pre>
        <code className={`language-${language}`}>{code}</code>
      </pre>
    </figure>
  );
}

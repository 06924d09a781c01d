import type { ReactNode } from 'react';

type Block = { kind: 'text'; text: string } | { kind: 'list'; items: string[] };

/**
 * A connector's credential help is plain text: sentences, "  • " bullets and indented lines that
 * continue the bullet above. Read that as paragraphs and lists instead of one pre-formatted blob.
 */
function parseCredentialHelp(help: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of help.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const bullet = /^\s*[•*-]\s+(.*)$/.exec(line);
    const last = blocks[blocks.length - 1];
    if (bullet) {
      const item = bullet[1] ?? '';
      if (last?.kind === 'list') last.items.push(item);
      else blocks.push({ kind: 'list', items: [item] });
    } else if (/^\s+/.test(line) && last?.kind === 'list' && last.items.length > 0) {
      last.items[last.items.length - 1] = `${last.items[last.items.length - 1]} ${line.trim()}`;
    } else {
      blocks.push({ kind: 'text', text: line.trim() });
    }
  }
  return blocks;
}

/** `export GITHUB_TOKEN=…` and other shell-looking fragments in backticks read better as code. */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`)/).map((part, i) => (part.startsWith('`') && part.endsWith('`') && part.length > 2 ? <code key={i}>{part.slice(1, -1)}</code> : part));
}

export function CredentialHelp({ help }: { help: string }) {
  return (
    <div className="credential-help" data-testid="credential-help">
      {parseCredentialHelp(help).map((b, i) =>
        b.kind === 'text' ? (
          <p key={i}>{inline(b.text)}</p>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{inline(item)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

import type { ReactNode } from 'react';

// A small tile per connector family, so two sources side by side are told apart at a glance.
// Presentation only: which connectors exist (and their titles) comes from the server.

interface Mark {
  className: string;
  glyph: ReactNode;
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.7, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

/** Keyed by connector id or id family (`aws` covers `aws-iam`, `aws-s3`…). */
const MARKS: Record<string, Mark> = {
  aws: {
    className: 'connector-icon-aws',
    // A key: identity and access.
    glyph: (
      <g {...stroke}>
        <circle cx="6.8" cy="10" r="2.9" />
        <path d="M9.7 10h7.3M14.2 10v2.6M16.4 10v2" />
      </g>
    ),
  },
  github: {
    className: 'connector-icon-github',
    // A branch and its merge: repositories.
    glyph: (
      <g {...stroke}>
        <circle cx="6.5" cy="5" r="1.9" />
        <circle cx="6.5" cy="15" r="1.9" />
        <circle cx="13.8" cy="6.8" r="1.9" />
        <path d="M6.5 6.9v6.2M13.8 8.7c0 3-7.3 2.1-7.3 4.4" />
      </g>
    ),
  },
};

function markFor(connectorId: string): Mark | undefined {
  return MARKS[connectorId] ?? MARKS[connectorId.split(/[-.]/)[0] ?? ''];
}

/** The connector's tile: a known mark, or the first letter of its id. */
export function ConnectorIcon({ connectorId, size = 18 }: { connectorId: string; size?: number }) {
  const mark = markFor(connectorId);
  return (
    <span className={`connector-icon ${mark?.className ?? 'connector-icon-generic'}`} style={{ width: size, height: size }} aria-hidden="true">
      {mark ? (
        <svg width={size - 4} height={size - 4} viewBox="0 0 20 20">
          {mark.glyph}
        </svg>
      ) : (
        connectorId.charAt(0).toUpperCase()
      )}
    </span>
  );
}

/** The icon alone, named for screen readers and on hover: for dense rows where the id says the rest. */
export function ConnectorMark({ connectorId, title }: { connectorId: string; title: string | undefined }) {
  const name = title ?? connectorId;
  return (
    <span className="connector-icon-label" role="img" aria-label={name} title={name} data-testid="connector-mark" data-connector={connectorId}>
      <ConnectorIcon connectorId={connectorId} size={16} />
    </span>
  );
}

/** Icon and title of a connector ("GitHub"), the id on hover; falls back to the id when the title is not known. */
export function ConnectorBadge({ connectorId, title, testId = 'connector-badge' }: { connectorId: string; title: string | undefined; testId?: string }) {
  return (
    <span className="connector-badge" title={connectorId} data-testid={testId} data-connector={connectorId}>
      <ConnectorIcon connectorId={connectorId} size={16} />
      {title ?? connectorId}
    </span>
  );
}

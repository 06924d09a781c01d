// Hand-drawn 20×20 stroke icons for the navigation; no icon font, no extra request.
const base = { width: 18, height: 18, viewBox: '0 0 20 20', fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function OverviewIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <rect x="3" y="3" width="6" height="6" rx="1.5" />
      <rect x="11" y="3" width="6" height="9" rx="1.5" />
      <rect x="3" y="11" width="6" height="6" rx="1.5" />
      <rect x="11" y="14" width="6" height="3" rx="1.2" />
    </svg>
  );
}

export function ChecksIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <path d="M4 5.5l1.6 1.6L8.5 4" />
      <path d="M4 11.5l1.6 1.6 2.9-3.1" />
      <path d="M11 6h5M11 12h5M4 16.5h12" />
    </svg>
  );
}

export function ControlsIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <path d="M10 2.8l6 2.4v4.3c0 3.7-2.6 6.4-6 7.7-3.4-1.3-6-4-6-7.7V5.2l6-2.4z" />
      <path d="M7.4 10l1.8 1.8 3.5-3.6" />
    </svg>
  );
}

export function ConnectionsIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <circle cx="5" cy="10" r="2.2" />
      <circle cx="15" cy="5" r="2.2" />
      <circle cx="15" cy="15" r="2.2" />
      <path d="M7 9l6-3M7 11l6 3" />
    </svg>
  );
}

export function BrandMark() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#2a3a63" />
      <circle cx="16" cy="16" r="9" fill="none" stroke="#8fb4ff" strokeWidth="2" />
      <circle cx="16" cy="16" r="4" fill="none" stroke="#e7efff" strokeWidth="1.6" />
      <path d="M16 5v22M5 16h22" stroke="#8fb4ff" strokeWidth="1.2" opacity=".55" />
      <path d="M16 16l6.5-6.5" stroke="#ffd479" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function FrameworksIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <rect x="3" y="3" width="14" height="14" rx="2" />
      <path d="M3 8h14M8 8v9" />
    </svg>
  );
}

export function AuditLogIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <path d="M5 2.8h7.2L15.5 6v11.2H5z" />
      <path d="M12 2.8V6h3.5" />
      <path d="M7.6 9.5h5M7.6 12.2h5M7.6 14.9h3" />
    </svg>
  );
}

export function ExceptionsIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <path d="M10 3l7.5 13H2.5L10 3z" />
      <path d="M10 8.2v3.6M10 14.2v.1" />
    </svg>
  );
}

export function MyWorkIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <circle cx="10" cy="6.5" r="3" />
      <path d="M4 17c.6-3.2 3-5 6-5s5.4 1.8 6 5" />
    </svg>
  );
}

export function SettingsIcon() {
  return (
    <svg {...base} aria-hidden="true">
      <path d="M3.5 5.5h7.7M14.8 5.5h1.7M3.5 10h2.7M9.8 10h6.7M3.5 14.5h8.7M15.8 14.5h.7" />
      <circle cx="13" cy="5.5" r="1.8" />
      <circle cx="8" cy="10" r="1.8" />
      <circle cx="14" cy="14.5" r="1.8" />
    </svg>
  );
}

export function ChevronDownIcon() {
  return (
    <svg width={14} height={14} viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M5.5 8l4.5 4.5L14.5 8" />
    </svg>
  );
}

import { useEffect, useRef, useState } from 'react';

/** A search box that reports its value once typing pauses, so each keystroke does not cost a request. */
export function SearchInput({ value, onChange, placeholder, testId, delayMs = 250 }: { value: string; onChange: (v: string) => void; placeholder: string; testId?: string; delayMs?: number }) {
  const [draft, setDraft] = useState(value);
  const pushed = useRef(value);

  // The value changed underneath (back button, a link, "clear filters"): show it, unless it is our own echo.
  useEffect(() => {
    if (value !== pushed.current) {
      pushed.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => {
    if (draft === pushed.current) return;
    const t = window.setTimeout(() => {
      pushed.current = draft;
      onChange(draft);
    }, delayMs);
    return () => window.clearTimeout(t);
  }, [draft, onChange, delayMs]);

  return <input type="search" className="input search" placeholder={placeholder} value={draft} onChange={(e) => setDraft(e.target.value)} aria-label={placeholder} data-testid={testId} />;
}

import { useState } from 'react';

/**
 * The value, or while it is undefined (a list reloading under a new filter) the last one it had:
 * counts on tabs keep their numbers instead of blinking away on every click.
 */
export function useLastDefined<T>(value: T | undefined): T | undefined {
  const [last, setLast] = useState(value);
  if (value !== undefined && value !== last) setLast(value);
  return value ?? last;
}

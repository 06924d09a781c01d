/** `items` with `item` replacing the one of the same id, or added first (a newly created row). */
export function upsertById<T extends { id: string }>(items: readonly T[], item: T): T[] {
  return items.some((x) => x.id === item.id) ? items.map((x) => (x.id === item.id ? item : x)) : [item, ...items];
}

/** The #/sql queries a user saved by name: pure list operations (kept through persist.ts). */

export interface SavedQuery {
  name: string;
  sql: string;
}

/** Adds a query, or replaces the one with the same name (names are trimmed; empty names are refused). */
export function withQuery(list: readonly SavedQuery[], name: string, sql: string): SavedQuery[] {
  const n = name.trim();
  if (!n || !sql.trim()) return [...list];
  return [...list.filter((q) => q.name !== n), { name: n, sql }].sort((a, b) => a.name.localeCompare(b.name));
}

export function withoutQuery(list: readonly SavedQuery[], name: string): SavedQuery[] {
  return list.filter((q) => q.name !== name);
}

/** Saved data from storage, keeping only well-formed entries. */
export function parseSavedQueries(value: unknown): SavedQuery[] {
  if (!Array.isArray(value)) return [];
  return value.filter((q): q is SavedQuery => !!q && typeof q === 'object' && typeof q.name === 'string' && typeof q.sql === 'string' && q.name.trim() !== '');
}

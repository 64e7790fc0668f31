import { AppError } from '../errors';

/** Cursors are the last id of the previous page, base64url-encoded so clients treat them as opaque. */
export function encodeCursor(lastId: string): string {
  return btoa(lastId).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

export function decodeCursor(cursor: string | undefined, param = 'cursor'): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const id = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    if (/^[a-z]+_[0-9a-z]{26}$/.test(id)) return id;
  } catch {
    // fall through to the validation error below
  }
  throw new AppError('validation_failed', 'The cursor is not one this API returned.', {
    errors: [{ path: `query.${param}`, message: 'invalid cursor' }],
  });
}

/** Callers fetch `limit + 1` rows ordered by id; the extra row tells whether there is a next page. */
export function paginate<T extends { id: string }>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { page: rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: last ? encodeCursor(last.id) : null };
}

/** A list response `{data, next_cursor}` from `limit + 1` rows ordered by id. */
export function toPage<T extends { id: string }, J>(
  rows: T[],
  limit: number,
  toJson: (row: T) => J,
): { data: J[]; next_cursor: string | null } {
  const { page, nextCursor } = paginate(rows, limit);
  return { data: page.map(toJson), next_cursor: nextCursor };
}

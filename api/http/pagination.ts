/** Cursor pagination over an ordered list: the cursor names the last item of the previous page. */
import { finding } from '../../definitions/validation/finding';
import { AppError } from './errors';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export function limitOf(param: string | undefined): number {
  if (param === undefined) return DEFAULT_LIMIT;
  const n = Number(param);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new AppError(400, 'invalid-parameter', 'Invalid limit', `limit must be 1 to ${MAX_LIMIT}`, {
      parameter: 'limit',
      errors: [finding('', 'query.limit', { en: `limit must be 1 to ${MAX_LIMIT}`, zh: `limit 必须在 1 到 ${MAX_LIMIT} 之间` })],
    });
  }
  return n;
}

export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) {
    throw new AppError(400, 'invalid-parameter', 'Invalid cursor', 'the cursor is not one this API gave out', { parameter: 'cursor' });
  }
  return key;
}

/** One page of `items` (already in their order), after the item whose key the cursor names. */
export function paginate<T>(items: T[], keyOf: (item: T) => string, q: { limit?: string; cursor?: string }): { items: T[]; nextCursor: string | null } {
  const limit = limitOf(q.limit);
  const after = decodeCursor(q.cursor);
  const start = after === undefined ? 0 : items.findIndex((i) => keyOf(i) === after) + 1;
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { items: slice, nextCursor: more && slice.length > 0 ? encodeCursor(keyOf(slice[slice.length - 1] as T)) : null };
}

import { badInput } from './errors';
import { isUuid } from './loaders';
import { decodeCursor, encodeCursor } from './pagination';

/**
 * Keyset cursors of the common shape "a label, a timestamp, an id": the label names the ordering
 * the cursor belongs to, so a cursor from one list (or one ordering of it) is refused by another
 * instead of silently skipping rows.
 */
export interface TimeKey {
  label: string;
  at: Date;
  id: string;
}

export const encodeTimeCursor = ({ label, at, id }: TimeKey) =>
  encodeCursor([label, at.toISOString(), id]);

/** Decodes a cursor made by encodeTimeCursor; anything else is BAD_USER_INPUT on `after`. */
export function decodeTimeCursor(cursor: string, labels: readonly string[]): TimeKey {
  const [label, at, id, ...rest] = decodeCursor(cursor);
  const time = typeof at === 'string' ? new Date(at) : null;
  if (
    rest.length === 0 &&
    typeof label === 'string' &&
    labels.includes(label) &&
    time &&
    !Number.isNaN(time.getTime()) &&
    isUuid(id)
  ) {
    return { label, at: time, id };
  }
  throw badInput('The cursor is not valid.', [
    { field: 'after', message: 'Not a cursor from this list.' },
  ]);
}

/**
 * The MikroORM condition for the rows past `key` in a list ordered by `field`, then id: newest
 * first (`desc`) or oldest first (`asc`). No condition without a key (the first page).
 */
export function pastKey(
  key: Pick<TimeKey, 'at' | 'id'> | null,
  order: 'asc' | 'desc' = 'desc',
  field = 'createdAt',
) {
  if (!key) {
    return {};
  }
  const past = order === 'desc' ? '$lt' : '$gt';
  return { $or: [{ [field]: { [past]: key.at } }, { [field]: key.at, id: { [past]: key.id } }] };
}

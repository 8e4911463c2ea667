/**
 * Object keys are made by the server, but they still end up in file paths (local storage) and
 * URLs, so every adapter validates them the same way: a path of segments of [A-Za-z0-9._-], none
 * empty and none starting with a dot (which excludes `.` and `..` and keeps the local adapter's
 * hidden temp and metadata files out of the key space).
 */

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 1024;

export class InvalidKeyError extends Error {
  constructor(readonly key: string) {
    super(`invalid media key: ${JSON.stringify(key.slice(0, 200))}`);
    this.name = 'InvalidKeyError';
  }
}

export function isValidKey(key: string): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    return false;
  }
  return key.split('/').every(segment => SEGMENT.test(segment));
}

export function assertValidKey(key: string): string {
  if (!isValidKey(key)) {
    throw new InvalidKeyError(key);
  }
  return key;
}

/** A prefix is a key, optionally ending with `/`; the empty prefix means everything. */
export function isValidPrefix(prefix: string): boolean {
  if (prefix === '') {
    return true;
  }
  return isValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}

export function assertValidPrefix(prefix: string): string {
  if (!isValidPrefix(prefix)) {
    throw new InvalidKeyError(prefix);
  }
  return prefix;
}

/** Playback prefixes name a folder (`videos/<id>/`): a signature over `videos/1` would cover `videos/10/…`. */
export function assertFolderPrefix(prefix: string): string {
  if (!prefix.endsWith('/') || !isValidPrefix(prefix)) {
    throw new InvalidKeyError(prefix);
  }
  return prefix;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 over newline-joined fields, with a purpose first so a signature made for one use
 * (an upload) can never be replayed as another (a playback token) under the same secret.
 */
export function hmacFields(secret: string, purpose: string, fields: (string | number)[]): Buffer {
  const mac = createHmac('sha256', secret);
  mac.update(purpose);
  for (const field of fields) {
    // Fields never contain a newline (keys and content types are validated), so joining is unambiguous.
    mac.update('\n');
    mac.update(String(field));
  }
  return mac.digest();
}

/**
 * Constant-time comparison of a received base64url signature with the expected bytes. Compares the
 * text, not decoded bytes: Node's base64 decoder skips stray characters, so two different strings
 * could decode to the same bytes.
 */
export function signatureMatches(received: string, expected: Buffer): boolean {
  const a = Buffer.from(String(received), 'utf8');
  const b = Buffer.from(expected.toString('base64url'), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const MIN_SECRET_LENGTH = 32;

export function assertUsableSecret(secret: string): string {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`media signing secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return secret;
}

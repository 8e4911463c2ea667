import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateSigningKeys, type SigningKeys } from '@vp/kit';

/**
 * Development signing keys, made once and kept in the data folder (git-ignored) so sessions survive
 * restarts. Production passes AUTH_SIGNING_KEY / AUTH_JWKS from its secret store instead.
 */
export async function loadOrCreateDevKeys(dir: string): Promise<SigningKeys> {
  const file = join(dir, 'auth-keys.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as SigningKeys;
  }
  // Only the keys folder is private: PostgreSQL's own user must still reach the data folder beside it.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = await generateSigningKeys();
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

import argon2 from 'argon2';

/** OWASP's argon2id setting (19 MiB, 2 passes, 1 lane); the whole password is hashed, never cut. */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string) => argon2.hash(password, ARGON2_OPTIONS);

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash, or against a throwaway hash when there is no account,
 * so that an unknown email costs the same time as a wrong password.
 */
export async function verifyPassword(
  storedHash: string | undefined,
  password: string,
): Promise<boolean> {
  const hash =
    storedHash ?? (await (dummyHash ??= hashPassword('not the password of any account')));
  try {
    const matches = await argon2.verify(hash, password);
    return matches && storedHash !== undefined;
  } catch {
    return false;
  }
}

/** True when a hash was made with weaker settings than today's, so it is redone at next sign-in. */
export const needsRehash = (hash: string) => argon2.needsRehash(hash, ARGON2_OPTIONS);

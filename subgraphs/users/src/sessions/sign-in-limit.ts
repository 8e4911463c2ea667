import { normaliseEmail } from '../accounts/account-rules';
import { sha256 } from './session.service';

export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** Counted per normalised email whether or not an account has it; hashed to keep emails out of Redis. */
export const signInLimitKey = (email: string) => `users:sign-in:${sha256(normaliseEmail(email))}`;

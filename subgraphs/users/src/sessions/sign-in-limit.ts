import { type RateLimit } from '@vp/kit';
import { normaliseEmail } from '../accounts/account-rules';
import { sha256 } from './session.service';

/** Attempts per email in 15 minutes (each counts; a success clears them), then sign-in is refused. */
export const SIGN_IN_LIMIT: RateLimit = { points: 5, windowMs: 15 * 60 * 1000 };

/** Counted per normalised email whether or not an account has it; hashed to keep emails out of Redis. */
export const signInLimitKey = (email: string) => `users:sign-in:${sha256(normaliseEmail(email))}`;

import { type BackoffPolicy } from '@vp/kit';
import { normaliseEmail } from '../accounts/account-rules';
import { sha256 } from './session.service';

/**
 * Failures from one address for one account: 5 tries, then that address waits 30 s, and each
 * further try it is allowed doubles the wait (1, 2, 4… minutes) up to an hour. Other addresses are
 * not slowed down, so nobody can lock an account's owner out by failing on purpose.
 */
export const SIGN_IN_BACKOFF: BackoffPolicy = {
  freeFailures: 5,
  baseMs: 30 * 1000,
  maxMs: 60 * 60 * 1000,
  forgetAfterMs: 24 * 60 * 60 * 1000,
};

/**
 * A broad attack: this many distinct addresses tried one account's password within the window.
 * Passwords are then no longer enough for that account; its owner signs in with a link mailed to
 * the account's address, until fewer addresses have tried within the last window.
 */
export const BROAD_ATTACK_ADDRESSES = 10;
export const BROAD_ATTACK_WINDOW_MS = 60 * 60 * 1000;

/** Counted per normalised email whether or not an account has it; hashed to keep emails out of Redis. */
export const signInAccountKey = (email: string) => `users:sign-in:${sha256(normaliseEmail(email))}`;
export const signInAddressKey = (email: string, address: string) =>
  `${signInAccountKey(email)}:${address}`;

export const SIGN_IN_LINK_REQUIRED = 'SIGN_IN_LINK_REQUIRED';

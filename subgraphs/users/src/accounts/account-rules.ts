import { characterCount } from '@vp/kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const EMAIL_MAX_LENGTH = 254;
export const DISPLAY_NAME_MAX_LENGTH = 50;
export const MINIMUM_AGE_YEARS = 13;

/**
 * The most common passwords (Openwall's list plus long ones from public breach lists), lower-cased:
 * a password on it is refused whatever its case.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .filter(line => line && !line.startsWith('#!'))
    .map(line => line.trim().toLowerCase()),
);

export const isCommonPassword = (password: string) => COMMON_PASSWORDS.has(password.toLowerCase());

// Pragmatic RFC 5321/5322 subset: dot-atom local part (≤ 64), a domain of LDH labels with a TLD.
const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^[a-z]{2,63}$|^xn--[a-z0-9-]{1,59}$/;

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** Why an email address is refused, or null; case and surrounding spaces do not matter. */
export function emailProblem(raw: string): string | null {
  const email = normaliseEmail(raw);
  if (!email) {
    return 'Enter your email address.';
  }
  if (email.length > EMAIL_MAX_LENGTH) {
    return `An email address has at most ${EMAIL_MAX_LENGTH} characters.`;
  }
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  const valid =
    at > 0 &&
    local.length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every(label => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(labels.at(-1)!);
  return valid ? null : 'Enter an email address like name@example.com.';
}

/** Why a password is refused, or null. `others` are values it must not equal (email, handle). */
export function passwordProblem(password: string, others: string[] = []): string | null {
  const length = characterCount(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters; a longer passphrase is better.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  }
  const lower = password.toLowerCase();
  if (isCommonPassword(password) || others.some(other => other && other.toLowerCase() === lower)) {
    return 'This password is too common or too easy to guess; choose another.';
  }
  return null;
}

/** The values a password must not equal: the address, its local part and the handle. */
export const guessableFrom = (account: { email: string; handle: string }) => {
  const email = normaliseEmail(account.email);
  return [email, email.split('@')[0], normaliseHandle(account.handle)];
};

const HANDLE = /^[a-z0-9_]{3,30}$/;

export const normaliseHandle = (handle: string) => handle.trim().toLowerCase();

/** Handles are unique whatever their case: checked lower-cased. */
export function handleProblem(handle: string): string | null {
  return HANDLE.test(normaliseHandle(handle))
    ? null
    : 'Use 3 to 30 letters, digits or underscores.';
}

// Control and format characters (newlines, bidi overrides, zero-width) have no place in a name.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export function displayNameProblem(displayName: string): string | null {
  const length = characterCount(displayName);
  if (length < 1 || length > DISPLAY_NAME_MAX_LENGTH) {
    return `Use 1 to ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  }
  return INVISIBLE.test(displayName) ? 'Use visible characters only.' : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole years between a birth date and today (UTC); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: { year: number; month: number; day: number }, today: Date) {
  const years = today.getUTCFullYear() - birthDate.year;
  const month = today.getUTCMonth() + 1;
  const hadBirthday =
    month > birthDate.month || (month === birthDate.month && today.getUTCDate() >= birthDate.day);
  return hadBirthday ? years : years - 1;
}

export function birthDateProblem(birthDate: string, today = new Date()): string | null {
  const match = ISO_DATE.exec(birthDate);
  if (!match) {
    return 'Use a date like 1990-04-21.';
  }
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return 'This date does not exist.';
  }
  if (year < 1900 || date.getTime() >= today.getTime()) {
    return 'Enter your real date of birth.';
  }
  if (ageOn({ year, month, day }, today) < MINIMUM_AGE_YEARS) {
    return `You must be at least ${MINIMUM_AGE_YEARS} years old to sign up.`;
  }
  return null;
}

export interface NewAccount {
  email: string;
  password: string;
  handle: string;
  displayName: string;
  birthDate: string;
}

/** A sign-up as stored: the rules on SignUpInput have passed; email and handle are lower-cased. */
export function normaliseNewAccount(input: NewAccount): NewAccount {
  return { ...input, email: normaliseEmail(input.email), handle: normaliseHandle(input.handle) };
}

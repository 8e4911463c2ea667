import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { badInput, type InputProblem } from '@vp/kit';

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

/** Counts characters as people do (an emoji is one), not UTF-16 code units. */
const lengthOf = (text: string) => [...text].length;

// Pragmatic RFC 5321/5322 subset: dot-atom local part (≤ 64), a domain of LDH labels with a TLD.
const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^[a-z]{2,63}$|^xn--[a-z0-9-]{1,59}$/;

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** A normalised email, or the reason it cannot be one. */
export function checkEmail(raw: string): { email: string } | { problem: string } {
  const email = normaliseEmail(raw);
  if (!email) {
    return { problem: 'Enter your email address.' };
  }
  if (email.length > EMAIL_MAX_LENGTH) {
    return { problem: `An email address has at most ${EMAIL_MAX_LENGTH} characters.` };
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
  return valid ? { email } : { problem: 'Enter an email address like name@example.com.' };
}

/** Why a password is refused, or null. `others` are values it must not equal (email, handle). */
export function passwordProblem(password: string, others: string[] = []): string | null {
  const length = lengthOf(password);
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

const HANDLE = /^[a-z0-9_]{3,30}$/;

export const normaliseHandle = (handle: string) => handle.trim().toLowerCase();

export function handleProblem(handle: string): string | null {
  return HANDLE.test(handle) ? null : 'Use 3 to 30 letters, digits or underscores.';
}

// Control and format characters (newlines, bidi overrides, zero-width) have no place in a name.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export function displayNameProblem(displayName: string): string | null {
  const length = lengthOf(displayName);
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

/** Checks every field of a sign-up at once, so a form can show each message beside its field. */
export function checkNewAccount(input: NewAccount): NewAccount {
  const problems: InputProblem[] = [];
  const email = checkEmail(input.email);
  if ('problem' in email) {
    problems.push({ field: 'email', message: email.problem });
  }
  const handle = normaliseHandle(input.handle);
  const handleIssue = handleProblem(handle);
  if (handleIssue) {
    problems.push({ field: 'handle', message: handleIssue });
  }
  const passwordIssue = passwordProblem(input.password, [
    'email' in email ? email.email : '',
    'email' in email ? email.email.split('@')[0] : '',
    handle,
  ]);
  if (passwordIssue) {
    problems.push({ field: 'password', message: passwordIssue });
  }
  const displayName = input.displayName.trim();
  const nameIssue = displayNameProblem(displayName);
  if (nameIssue) {
    problems.push({ field: 'displayName', message: nameIssue });
  }
  const birthDate = input.birthDate.trim();
  const birthIssue = birthDateProblem(birthDate);
  if (birthIssue) {
    problems.push({ field: 'birthDate', message: birthIssue });
  }
  if (problems.length || !('email' in email)) {
    throw badInput('Some fields need attention.', problems);
  }
  return { email: email.email, password: input.password, handle, displayName, birthDate };
}

export function checkNewPassword(password: string, others: string[], field = 'newPassword') {
  const problem = passwordProblem(password, others);
  if (problem) {
    throw badInput(problem, [{ field, message: problem }]);
  }
}

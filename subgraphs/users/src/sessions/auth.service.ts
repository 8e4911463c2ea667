import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { UserProfileChanged, UserRegistered } from '@vp/contracts';
import {
  badInput,
  emitEvent,
  ErrorCode,
  forbidden,
  type InputProblem,
  preferredLanguage,
  rateLimited,
  Role,
  unauthenticated,
} from '@vp/kit';
import { GraphQLError } from 'graphql';
import { sendVerificationEmail } from '../account-tokens/account-token.service';
import {
  EMAIL_MAX_LENGTH,
  normaliseEmail,
  normaliseNewAccount,
  PASSWORD_MAX_LENGTH,
} from '../accounts/account-rules';
import { hashPassword, needsRehash, verifyPassword } from '../accounts/passwords';
import { isSuspended, User } from '../accounts/user.entity';
import { suspendedMessage } from '../moderation/suspension';
import { type UsersContext } from '../context';
import { publishSecurityAlert, SecurityAlertKind } from '../security-alerts/security-alerts';
import { type SignInInput, type SignUpInput } from './auth.types';
import { type IssuedTokens, issueTokens, openSession } from './session.service';
import {
  BROAD_ATTACK_ADDRESSES,
  BROAD_ATTACK_WINDOW_MS,
  SIGN_IN_BACKOFF,
  SIGN_IN_LINK_REQUIRED,
  signInAccountKey,
  signInAddressKey,
} from './sign-in-limit';

const WRONG_CREDENTIALS = 'Email or password is incorrect.';

const EMAIL_TAKEN: InputProblem = {
  field: 'input.email',
  message:
    'This email cannot be used for a new account. If it is yours, sign in or reset your password.',
};
const HANDLE_TAKEN: InputProblem = {
  field: 'input.handle',
  message: 'This handle is taken; choose another.',
};

/**
 * How long the last sign-ups that made an account took. A refused one (a registered email or
 * handle) waits until as long as one of them, picked at random, has passed: it answers in the
 * same time distribution, although it writes nothing and mails nothing.
 */
const madeAccountDurations: number[] = [];
const DURATIONS_KEPT = 64;
const MAX_PADDING_MS = 2000;
let nextDuration = 0;

function recordMadeAccount(startedAt: number) {
  madeAccountDurations[nextDuration] = performance.now() - startedAt;
  nextDuration = (nextDuration + 1) % DURATIONS_KEPT;
}

async function lastAsLongAsAMadeAccount(startedAt: number) {
  if (madeAccountDurations.length === 0) {
    return;
  }
  const picked = madeAccountDurations[Math.floor(Math.random() * madeAccountDurations.length)];
  const left = Math.min(MAX_PADDING_MS, picked) - (performance.now() - startedAt);
  if (left > 0) {
    await new Promise(resolve => setTimeout(resolve, left));
  }
}

/**
 * The password is hashed before anything is looked up, and a refused sign-up lasts as long as one
 * that made an account: the answer's time tells nobody which emails have accounts.
 */
export async function signUp(ctx: UsersContext, input: SignUpInput): Promise<IssuedTokens> {
  const startedAt = performance.now();
  const account = normaliseNewAccount(input);
  const { em } = ctx;
  const passwordHash = await hashPassword(account.password);
  const existing = await em.find(
    User,
    { $or: [{ email: account.email }, { handle: account.handle }] },
    { fields: ['email', 'handle'] },
  );
  const taken = [
    ...(existing.some(user => user.email === account.email) ? [EMAIL_TAKEN] : []),
    ...(existing.some(user => user.handle === account.handle) ? [HANDLE_TAKEN] : []),
  ];
  if (taken.length) {
    await lastAsLongAsAMadeAccount(startedAt);
    throw badInput('Some fields need attention.', taken);
  }
  const user = em.create(User, {
    email: account.email,
    handle: account.handle,
    displayName: account.displayName,
    birthDate: account.birthDate,
    passwordHash,
    roles: [Role.VIEWER],
    // the language the browser asks for (the gateway forwards Accept-Language): emails use it
    language: preferredLanguage(ctx.headers?.['accept-language']),
    createdAt: new Date(),
  });
  const opened = openSession(ctx, user);
  // Payments needs the age for adult plans; other domains learn of new accounts the same way.
  emitEvent(em, UserRegistered, {
    userId: user.id,
    handle: user.handle,
    birthDate: user.birthDate,
  });
  // Search makes the channel findable by handle and display name.
  emitEvent(em, UserProfileChanged, {
    userId: user.id,
    handle: user.handle,
    displayName: user.displayName,
    changedAt: user.createdAt.toISOString(),
  });
  try {
    await em.flush();
  } catch (error) {
    // Two sign-ups racing for the same email or handle: the unique index decides.
    if (error instanceof UniqueConstraintViolationException) {
      throw badInput('Some fields need attention.', [
        /handle/.test(error.message) ? HANDLE_TAKEN : EMAIL_TAKEN,
      ]);
    }
    throw error;
  }
  await sendVerificationEmail(ctx, user).catch(err =>
    ctx.log.error({ err, userId: user.id }, 'verification email not sent at sign-up'),
  );
  const tokens = await issueTokens(ctx, opened);
  recordMadeAccount(startedAt);
  return tokens;
}

const tooManyFromHere = (retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return rateLimited(
    seconds,
    `Too many failed sign-in attempts for this account from your address. Try again in ${seconds} ` +
      'seconds, or reset your password.',
  );
};

export const signInLinkRequired = () =>
  new GraphQLError(
    'Sign-in attempts for this account came from many places, so a password is not enough for ' +
      'now: ask for a sign-in link (requestSignInLink) and open it from your inbox.',
    { extensions: { code: ErrorCode.FORBIDDEN, reason: SIGN_IN_LINK_REQUIRED } },
  );

/** Forgets an account's failed attempts: after a sign-in, a link sign-in or a password reset. */
export async function clearSignInFailures(ctx: UsersContext, email: string) {
  const address = ctx.client?.ip ?? 'unknown';
  await Promise.all([
    ctx.shared.backoff.clear(signInAddressKey(email, address)),
    ctx.shared.backoff.clearMembers(signInAccountKey(email)),
  ]);
}

/**
 * Throttled per account and client address (the one TRUST_PROXY yields): each attempt counts
 * before anything is checked, so attempts made at the same time (or as aliases of one document)
 * cannot slip past; an address that failed too often waits, with exponential back-off, while others
 * still sign in. When many addresses have tried one account, its password no longer suffices: the
 * owner asks for a sign-in link. Unknown emails take the same path and time (a dummy hash is
 * verified) and get the same answers.
 */
export async function signIn(ctx: UsersContext, input: SignInInput): Promise<IssuedTokens> {
  const email = normaliseEmail(input.email);
  const address = ctx.client?.ip ?? 'unknown';
  const fromHere = await ctx.shared.backoff.attempt(
    signInAddressKey(email, address),
    SIGN_IN_BACKOFF,
  );
  if (!fromHere.allowed) {
    throw tooManyFromHere(fromHere.retryAfterMs);
  }
  const addresses = await ctx.shared.backoff.noteMember(
    signInAccountKey(email),
    address,
    BROAD_ATTACK_WINDOW_MS,
  );
  if (addresses >= BROAD_ATTACK_ADDRESSES) {
    throw signInLinkRequired();
  }
  const plausible =
    email.length <= EMAIL_MAX_LENGTH && input.password.length <= PASSWORD_MAX_LENGTH * 2;
  const user = plausible ? await ctx.em.findOne(User, { email }) : null;
  const matches = plausible && (await verifyPassword(user?.passwordHash, input.password));
  if (!user || !matches) {
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  await clearSignInFailures(ctx, email);
  if (isSuspended(user)) {
    // told only to whoever knows the password: the end date is no one else's business
    throw forbidden(suspendedMessage(user));
  }
  if (needsRehash(user.passwordHash)) {
    user.passwordHash = await hashPassword(input.password);
  }
  return startSession(ctx, user);
}

/** A new session for an account that proved who it is (password or sign-in link). */
export async function startSession(ctx: UsersContext, user: User): Promise<IssuedTokens> {
  const opened = openSession(ctx, user);
  await ctx.em.flush();
  await publishSecurityAlert(ctx, user.id, SecurityAlertKind.NEW_SIGN_IN);
  return issueTokens(ctx, opened);
}

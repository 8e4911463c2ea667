import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { UserProfileChanged, UserRegistered } from '@vp/contracts';
import {
  badInput,
  emitEvent,
  enforceRateLimit,
  forbidden,
  type InputProblem,
  Role,
  unauthenticated,
} from '@vp/kit';
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
import { SIGN_IN_LIMIT, signInLimitKey } from './sign-in-limit';

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

export async function signUp(ctx: UsersContext, input: SignUpInput): Promise<IssuedTokens> {
  const account = normaliseNewAccount(input);
  const { em } = ctx;
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
    throw badInput('Some fields need attention.', taken);
  }
  const user = em.create(User, {
    email: account.email,
    handle: account.handle,
    displayName: account.displayName,
    birthDate: account.birthDate,
    passwordHash: await hashPassword(account.password),
    roles: [Role.VIEWER],
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
  return issueTokens(ctx, opened);
}

/**
 * Every attempt counts against the email's window before anything is checked, so attempts made at
 * the same time (or as aliases of one document) cannot slip past the limit; success clears it.
 * Unknown emails take the same path and time (a dummy hash is verified) and get the same answer.
 */
export async function signIn(ctx: UsersContext, input: SignInInput): Promise<IssuedTokens> {
  const email = normaliseEmail(input.email);
  const limitKey = signInLimitKey(email);
  await enforceRateLimit(
    ctx.shared.rateLimiter,
    limitKey,
    SIGN_IN_LIMIT,
    'Too many failed sign-in attempts for this account. Try again later or reset your password.',
  );
  const plausible =
    email.length <= EMAIL_MAX_LENGTH && input.password.length <= PASSWORD_MAX_LENGTH * 2;
  const user = plausible ? await ctx.em.findOne(User, { email }) : null;
  const matches = plausible && (await verifyPassword(user?.passwordHash, input.password));
  if (!user || !matches) {
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  await ctx.shared.rateLimiter.reset(limitKey, SIGN_IN_LIMIT);
  if (isSuspended(user)) {
    // told only to whoever knows the password: the end date is no one else's business
    throw forbidden(suspendedMessage(user));
  }
  if (needsRehash(user.passwordHash)) {
    user.passwordHash = await hashPassword(input.password);
  }
  const opened = openSession(ctx, user);
  await ctx.em.flush();
  await publishSecurityAlert(ctx, user.id, SecurityAlertKind.NEW_SIGN_IN);
  return issueTokens(ctx, opened);
}

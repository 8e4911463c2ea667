import { badInput, enforceRateLimit, forbidden, type RateLimit } from '@vp/kit';
import { guessableFrom, normaliseEmail, passwordProblem } from '../accounts/account-rules';
import { requireAccount } from '../accounts/account-access';
import { hashPassword } from '../accounts/passwords';
import { isSuspended, User } from '../accounts/user.entity';
import { type UsersContext } from '../context';
import { suspendedMessage } from '../moderation/suspension';
import { publishSecurityAlert, SecurityAlertKind } from '../security-alerts/security-alerts';
import { clearSignInFailures, startSession } from '../sessions/auth.service';
import {
  type IssuedTokens,
  newOpaqueToken,
  revokeAllSessions,
  RevokeReason,
  sha256,
} from '../sessions/session.service';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
export const RESET_PASSWORD_TTL_MS = 30 * 60 * 1000;
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;
/**
 * Sign-in links per email per hour. Counted per email, not per address: many addresses cannot
 * flood the owner's inbox; each link stays usable when a later one is sent, so links requested by
 * someone else do not spoil the owner's.
 */
export const SIGN_IN_LINK_LIMIT: RateLimit = { points: 5, windowMs: 60 * 60 * 1000 };
/** Emails of one kind per address per hour: enough for a lost message, too few to spam anyone. */
export const EMAIL_LIMIT: RateLimit = { points: 3, windowMs: 60 * 60 * 1000 };

/** `field`: where the token was given (`token` to verifyEmail, `input.token` to resetPassword). */
const invalidLink = (field: string) =>
  badInput('This link is invalid, expired or already used. Ask for a new one.', [
    { field, message: 'This link is invalid, expired or already used.' },
  ]);

async function createAccountToken(
  ctx: UsersContext,
  user: User,
  purpose: AccountTokenPurpose,
  ttlMs: number,
) {
  const { token, hash } = newOpaqueToken();
  const now = new Date();
  ctx.em.persist(
    ctx.em.create(AccountToken, {
      user,
      purpose,
      tokenHash: hash,
      email: user.email,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    }),
  );
  await ctx.em.flush();
  return token;
}

/** Finds a live token of this purpose without using it up (the caller may still refuse the input). */
async function findLiveToken(ctx: UsersContext, token: string, purpose: AccountTokenPurpose) {
  if (!token || token.length > 256) {
    return null;
  }
  const found = await ctx.em.findOne(
    AccountToken,
    { tokenHash: sha256(token), purpose, usedAt: null, expiresAt: { $gt: new Date() } },
    { populate: ['user'] },
  );
  return found && found.user.email === found.email ? found : null;
}

/** Uses a token up; false when another request used it first. */
async function consume(ctx: UsersContext, accountToken: AccountToken) {
  const used = await ctx.em.nativeUpdate(
    AccountToken,
    { id: accountToken.id, usedAt: null },
    { usedAt: new Date() },
  );
  return used === 1;
}

export async function sendVerificationEmail(ctx: UsersContext, user: User) {
  const token = await createAccountToken(
    ctx,
    user,
    AccountTokenPurpose.VERIFY_EMAIL,
    VERIFY_EMAIL_TTL_MS,
  );
  await ctx.mailer.send({
    to: user.email,
    subject: 'Confirm your email address',
    text:
      `Hello ${user.displayName},\n\nConfirm that this is your email address by opening this link ` +
      `within 24 hours:\n\n${ctx.publicWebUrl}/verify-email?token=${token}\n\n` +
      `If you did not create an account, ignore this message.\n`,
  });
}

export async function requestEmailVerification(ctx: UsersContext): Promise<boolean> {
  const { user } = await requireAccount(ctx);
  if (user.emailVerifiedAt) {
    throw badInput('Your email address is already verified.');
  }
  await enforceRateLimit(
    ctx.shared.rateLimiter,
    `users:verify-email:${user.id}`,
    EMAIL_LIMIT,
    'A verification email was sent recently. Check your inbox.',
  );
  await sendVerificationEmail(ctx, user);
  return true;
}

export async function verifyEmail(ctx: UsersContext, token: string): Promise<boolean> {
  const found = await findLiveToken(ctx, token, AccountTokenPurpose.VERIFY_EMAIL);
  if (!found || !(await consume(ctx, found))) {
    throw invalidLink('token');
  }
  found.user.emailVerifiedAt ??= new Date();
  await ctx.em.flush();
  return true;
}

/**
 * Answers true whatever the email, so it reveals no account; mails a link only when the account
 * exists and the address has not had too many already. The mail is sent after answering, so an
 * existing account does not answer slower than a missing one.
 */
export async function requestPasswordReset(ctx: UsersContext, rawEmail: string): Promise<boolean> {
  const email = normaliseEmail(rawEmail);
  const { allowed } = await ctx.shared.rateLimiter.consume(
    `users:reset:${sha256(email)}`,
    EMAIL_LIMIT,
  );
  const user = await ctx.em.findOne(User, { email });
  if (!user || !allowed) {
    return true;
  }
  // A new link replaces any earlier one.
  await ctx.em.nativeUpdate(
    AccountToken,
    { user, purpose: AccountTokenPurpose.RESET_PASSWORD, usedAt: null },
    { usedAt: new Date() },
  );
  const token = await createAccountToken(
    ctx,
    user,
    AccountTokenPurpose.RESET_PASSWORD,
    RESET_PASSWORD_TTL_MS,
  );
  void ctx.mailer
    .send({
      to: user.email,
      subject: 'Reset your password',
      text:
        `Hello ${user.displayName},\n\nSomeone (we hope you) asked to reset the password of your ` +
        `account. Choose a new one within 30 minutes at:\n\n${ctx.publicWebUrl}/reset-password?token=${token}\n\n` +
        `Every device signed in to your account will be signed out. If you did not ask for this, ` +
        `ignore this message: your password stays as it is.\n`,
    })
    .catch(err => ctx.log.error({ err, userId: user.id }, 'password reset email not sent'));
  return true;
}

/** Sets a new password from a reset link and signs the account out everywhere. */
export async function resetPassword(
  ctx: UsersContext,
  input: { token: string; newPassword: string },
): Promise<boolean> {
  const found = await findLiveToken(ctx, input.token, AccountTokenPurpose.RESET_PASSWORD);
  if (!found) {
    throw invalidLink('input.token');
  }
  const user = found.user;
  // Checked before the token is used up, so a refused password can be retried with the same link.
  const problem = passwordProblem(input.newPassword, guessableFrom(user));
  if (problem) {
    throw badInput(`input.newPassword: ${problem}`, [
      { field: 'input.newPassword', message: problem },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  if (!(await consume(ctx, found))) {
    throw invalidLink('input.token');
  }
  user.passwordHash = passwordHash;
  // Opening the link proved the mailbox is theirs.
  user.emailVerifiedAt ??= new Date();
  await ctx.em.flush();
  await revokeAllSessions(ctx, user.id, RevokeReason.PASSWORD_RESET);
  await clearSignInFailures(ctx, user.email);
  await publishSecurityAlert(ctx, user.id, SecurityAlertKind.PASSWORD_CHANGED);
  return true;
}

/**
 * Mails a one-time sign-in link (15 minutes) if an account has this address: the way in while
 * sign-in by password is refused after attempts from many addresses, and at any other time.
 * Answers true whatever the email, and mails after answering, as requestPasswordReset does.
 */
export async function requestSignInLink(ctx: UsersContext, rawEmail: string): Promise<boolean> {
  const email = normaliseEmail(rawEmail);
  const { allowed } = await ctx.shared.rateLimiter.consume(
    `users:sign-in-link:${sha256(email)}`,
    SIGN_IN_LINK_LIMIT,
  );
  const user = await ctx.em.findOne(User, { email });
  if (!user || !allowed) {
    return true;
  }
  const token = await createAccountToken(
    ctx,
    user,
    AccountTokenPurpose.SIGN_IN_LINK,
    SIGN_IN_LINK_TTL_MS,
  );
  void ctx.mailer
    .send({
      to: user.email,
      subject: 'Your sign-in link',
      text:
        `Hello ${user.displayName},\n\nOpen this link within 15 minutes to sign in; it works ` +
        `once:\n\n${ctx.publicWebUrl}/sign-in-link?token=${token}\n\n` +
        `If you did not ask for it, ignore this message. If you were asked for it after many failed ` +
        `sign-in attempts, someone may be trying passwords on your account: consider changing yours.\n`,
    })
    .catch(err => ctx.log.error({ err, userId: user.id }, 'sign-in link email not sent'));
  return true;
}

/** Signs in with the token of a sign-in link; every other link of the account is used up with it. */
export async function signInWithLink(ctx: UsersContext, token: string): Promise<IssuedTokens> {
  const found = await findLiveToken(ctx, token, AccountTokenPurpose.SIGN_IN_LINK);
  if (!found || !(await consume(ctx, found))) {
    throw invalidLink('token');
  }
  await ctx.em.nativeUpdate(
    AccountToken,
    { user: found.user, purpose: AccountTokenPurpose.SIGN_IN_LINK, usedAt: null },
    { usedAt: new Date() },
  );
  const user = found.user;
  if (isSuspended(user)) {
    throw forbidden(suspendedMessage(user));
  }
  // Opening the link proved the mailbox is theirs.
  user.emailVerifiedAt ??= new Date();
  await clearSignInFailures(ctx, user.email);
  return startSession(ctx, user);
}

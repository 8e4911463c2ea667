import { randomUUID } from 'node:crypto';
import { type BaseContext } from '@vp/kit';

export enum SecurityAlertKind {
  NEW_SIGN_IN = 'NEW_SIGN_IN',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  SESSION_REUSE_DETECTED = 'SESSION_REUSE_DETECTED',
}

/** What travels through pub/sub (Redis when configured): plain JSON, the user as an id. */
export interface SecurityAlertEvent {
  id: string;
  kind: SecurityAlertKind;
  occurredAt: string;
  userAgent: string | null;
  ip: string | null;
  userId: string;
}

/**
 * Published with the account id, which the pub/sub appends to the topic: one channel per account,
 * so an instance receives only the alerts of its own subscribers.
 */
export const SECURITY_ALERTS_TOPIC = 'users:security-alerts';

/**
 * Tells the account's open subscriptions. Best effort: a pub/sub outage must not fail the sign-in
 * or reset that caused the alert.
 */
export async function publishSecurityAlert(
  ctx: BaseContext,
  userId: string,
  kind: SecurityAlertKind,
) {
  const event: SecurityAlertEvent = {
    id: randomUUID(),
    kind,
    occurredAt: new Date().toISOString(),
    userAgent: ctx.client?.userAgent?.slice(0, 512) ?? null,
    ip: ctx.client?.ip ?? null,
    userId,
  };
  try {
    ctx.shared.pubSub.publish(SECURITY_ALERTS_TOPIC, userId, event);
  } catch (err) {
    ctx.log.warn({ err, kind }, 'security alert not published');
  }
}

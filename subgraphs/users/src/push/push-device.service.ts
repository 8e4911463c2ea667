import { badInput, type BaseContext, forbidden } from '@vp/kit';
import { requireAccount } from '../accounts/account-access';
import { PushDevice, type PushPlatform } from './push-device.entity';
import { pushTokenProblem } from './push-token';

/** Most devices an account receives pushes on; registering one more drops the longest unseen. */
export const MAX_PUSH_DEVICES = 20;

interface DeviceRow {
  id: string;
  user_id: string;
  session_id: string;
  token: string;
  platform: PushPlatform;
  created_at: Date;
  last_seen_at: Date;
}

/**
 * Registers the signed-in app's push token to its account and session. Idempotent per token: the
 * same token again renews `lastSeenAt`, and a token registered by another account moves here (one
 * phone, one account at a time). Past MAX_PUSH_DEVICES the longest unseen go.
 */
export async function registerDevice(
  ctx: BaseContext,
  input: { token: string; platform: PushPlatform },
): Promise<PushDevice> {
  const { user, sessionId } = await requireAccount(ctx);
  if (!sessionId) {
    throw forbidden('Push devices are registered by the signed-in app, not with an API key.');
  }
  const row = await ctx.em.transactional(async em => {
    // One registration at a time per account, so that two sign-ins at once keep the cap. NO KEY
    // UPDATE: other tables' foreign-key checks on the account row (KEY SHARE) are not held up.
    await em.execute(`select 1 from "users"."user" where "id" = ? for no key update`, [user.id]);
    const [device]: DeviceRow[] = await em.execute(
      `insert into "users"."push_device"
         ("id", "user_id", "session_id", "token", "platform", "created_at", "last_seen_at")
       values (gen_random_uuid(), ?, ?, ?, ?, now(), now())
       on conflict ("token") do update set
         "created_at" = case when "push_device"."user_id" = excluded."user_id"
                             then "push_device"."created_at" else excluded."created_at" end,
         "user_id" = excluded."user_id",
         "session_id" = excluded."session_id",
         "platform" = excluded."platform",
         "last_seen_at" = excluded."last_seen_at"
       returning *`,
      [user.id, sessionId, input.token, input.platform],
    );
    await em.execute(
      `delete from "users"."push_device" where "user_id" = ? and "id" not in (
         select "id" from "users"."push_device" where "user_id" = ?
          order by "last_seen_at" desc, "id" desc limit ?)`,
      [user.id, user.id, MAX_PUSH_DEVICES],
    );
    return device;
  });
  return Object.assign(new PushDevice(), {
    id: row.id,
    token: row.token,
    platform: row.platform,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
  });
}

/**
 * Stops pushes to one of the signed-in account's devices (the app signing out). Whether it removed
 * one: another account's token is left alone and answers false, as an unknown one does, so the
 * answer tells nothing about others' devices.
 */
export async function unregisterDevice(ctx: BaseContext, token: string): Promise<boolean> {
  const { user } = await requireAccount(ctx);
  const problem = pushTokenProblem(token);
  if (problem) {
    throw badInput(`token: ${problem}`, [{ field: 'token', message: problem }]);
  }
  const removed = await ctx.em.nativeDelete(PushDevice, { token, user: user.id });
  return removed > 0;
}

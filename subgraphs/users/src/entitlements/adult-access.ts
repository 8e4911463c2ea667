import { type BaseContext, entitlementOf, Role } from '@vp/kit';
import { type User } from '../accounts/user.entity';

/**
 * The platform's age rule for ADULT videos and streams, as videos and live apply it to playback
 * and engagement (`entitlementRefusal` in the kit): ADMINs always; anyone else only when payments
 * says they are age-verified (`EntitlementChanged.ageVerified`: an age check passed AND 18 or older
 * by the birth date users published in `UserRegistered`). A birth date alone is not enough, and
 * an account payments never told us about is not verified. Users keeps its own copy of that
 * verdict (`users.viewer_entitlement`, the kit's read model fed by `EntitlementChanged`), so the
 * feed and the notifications decide as playback does without asking payments. The owner of an
 * item is never concerned here: nobody follows or is notified about themselves.
 */
export async function mayWatchAdult(context: BaseContext, account: User): Promise<boolean> {
  if (account.roles.includes(Role.ADMIN)) {
    return true;
  }
  return (await entitlementOf(context, account.id)).ageVerified;
}

/**
 * The same rule in SQL, for statements that pick many accounts at once (the notification fan-out):
 * true when the account whose id is `accountId` (a column or expression) may see ADULT items.
 */
export const mayWatchAdultSql = (accountId: string) =>
  `(exists (select 1 from "users"."viewer_entitlement" e
             where e."user_id" = ${accountId} and e."age_verified")
    or exists (select 1 from "users"."user" a
                where a."id" = ${accountId} and '${Role.ADMIN}' = any(a."roles")))`;

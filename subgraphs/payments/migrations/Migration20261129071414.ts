import { Migration } from '@mikro-orm/migrations';

/**
 * Seeds the three plans of the design with the fixed ids of src/plans/plan-ids.ts. Prices are
 * tax-included whole yen. Changing a price later is a new migration (and a new provider price),
 * never an edit of this one.
 */
export class Migration20261129071414 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`insert into "payments"."plan"
      ("id", "tier", "name", "price_jpy", "provider", "interval", "adults_only", "active", "created_at")
      values
      ('a0e1c3d2-0000-4000-8000-000000000001', 'FREE', 'Free', 0, 'NONE', 'MONTH', false, true, now()),
      ('a0e1c3d2-0000-4000-8000-000000000002', 'PREMIUM', 'Premium', 980, 'STRIPE', 'MONTH', false, true, now()),
      ('a0e1c3d2-0000-4000-8000-000000000003', 'PREMIUM_PLUS', 'Premium+', 1980, 'CCBILL', 'MONTH', true, true, now())
      on conflict ("id") do nothing;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "payments"."plan" where "id" in
      ('a0e1c3d2-0000-4000-8000-000000000001', 'a0e1c3d2-0000-4000-8000-000000000002',
       'a0e1c3d2-0000-4000-8000-000000000003');`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** When a provider event's raw body was purged of personal data (null: not yet). */
export class Migration20261206143828 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "payments"."provider_event" add column "purged_at" timestamptz null;`);
    this.addSql(
      `create index "provider_event_unpurged_index" on "payments"."provider_event" ("received_at") where "purged_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "payments"."provider_event_unpurged_index";`);
    this.addSql(`alter table "payments"."provider_event" drop column if exists "purged_at";`);
  }
}

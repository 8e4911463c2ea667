import { Migration } from '@mikro-orm/migrations';

/** The embedded ingest's heartbeat of a stream on air: a LIVE stream whose heartbeat lapsed is ended. */
export class Migration20261206144218 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "live"."live_stream" add column "ingest_heartbeat_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "live"."live_stream" drop column if exists "ingest_heartbeat_at";`);
  }
}

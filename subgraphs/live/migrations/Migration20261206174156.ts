import { Migration } from '@mikro-orm/migrations';

/** LIVE_INGEST=medialive: the MediaLive input and channel of each stream, and where OBS publishes. */
export class Migration20261206174156 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "live"."medialive_channel" ("stream_id" uuid not null, "input_id" varchar(64) not null, "channel_id" varchar(64) not null, "rtmp_url" varchar(500) not null, "created_at" timestamptz not null, constraint "medialive_channel_pkey" primary key ("stream_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "live"."medialive_channel";`);
  }
}

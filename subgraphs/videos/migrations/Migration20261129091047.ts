import { Migration } from '@mikro-orm/migrations';

export class Migration20261129091047 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "videos"."video" add column "multipart_upload_id" varchar(1024) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "videos"."video" drop column "multipart_upload_id";`);
  }
}

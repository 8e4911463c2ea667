import { Migration } from '@mikro-orm/migrations';

export class Migration20261129071620 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "users";`);
    this.addSql(
      `create table "users"."user" ("id" uuid not null, "email" varchar(254) not null, "handle" varchar(30) not null, "display_name" varchar(50) not null, "birth_date" date not null, "password_hash" varchar(255) not null, "roles" text[] not null default '{VIEWER}', "email_verified_at" timestamptz null, "created_at" timestamptz not null, constraint "user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "users"."user" add constraint "user_email_unique" unique ("email");`);
    this.addSql(
      `alter table "users"."user" add constraint "user_handle_unique" unique ("handle");`,
    );
    this.addSql(`create index "user_created_at_index" on "users"."user" ("created_at");`);

    this.addSql(
      `create table "users"."session" ("id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(32) null, "user_agent" varchar(512) null, "ip" varchar(64) null, constraint "session_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "session_user_id_index" on "users"."session" ("user_id");`);

    this.addSql(
      `create table "users"."refresh_token" ("id" uuid not null, "session_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "rotated_at" timestamptz null, constraint "refresh_token_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "refresh_token_session_id_index" on "users"."refresh_token" ("session_id");`,
    );
    this.addSql(
      `alter table "users"."refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `create table "users"."account_token" ("id" uuid not null, "user_id" uuid not null, "purpose" text check ("purpose" in ('VERIFY_EMAIL', 'RESET_PASSWORD')) not null, "token_hash" varchar(64) not null, "email" varchar(254) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "account_token_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "users"."account_token" add constraint "account_token_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "account_token_user_id_purpose_index" on "users"."account_token" ("user_id", "purpose");`,
    );

    this.addSql(
      `alter table "users"."session" add constraint "session_user_id_foreign" foreign key ("user_id") references "users"."user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "users"."refresh_token" add constraint "refresh_token_session_id_foreign" foreign key ("session_id") references "users"."session" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "users"."account_token" add constraint "account_token_user_id_foreign" foreign key ("user_id") references "users"."user" ("id") on update cascade on delete cascade;`,
    );
  }

  // The schema stays: it also holds this subgraph's migration log.
  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."account_token" cascade;`);
    this.addSql(`drop table if exists "users"."refresh_token" cascade;`);
    this.addSql(`drop table if exists "users"."session" cascade;`);
    this.addSql(`drop table if exists "users"."user" cascade;`);
  }
}

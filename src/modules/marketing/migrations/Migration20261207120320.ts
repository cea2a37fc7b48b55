import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207120320 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "marketing_session" ("id" text not null, "started_at" timestamptz not null, "ended_at" timestamptz not null, "pages" integer not null default 0, "engaged_ms" integer not null default 0, "landing_page" text null, "utm_source" text null, "utm_campaign" text null, "channel" text null, "contact_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_session_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_session_contact_id" ON "marketing_session" ("contact_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_session_deleted_at" ON "marketing_session" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_session_contact_id_ended_at" ON "marketing_session" ("contact_id", "ended_at");`);

    this.addSql(`alter table if exists "marketing_session" add constraint "marketing_session_contact_id_foreign" foreign key ("contact_id") references "marketing_contact" ("id") on update cascade;`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "sessions_count" integer not null default 0, add column if not exists "engaged_ms" integer not null default 0, add column if not exists "last_session_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_session" cascade;`);

    this.addSql(`alter table if exists "marketing_contact" drop column if exists "sessions_count", drop column if exists "engaged_ms", drop column if exists "last_session_at";`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122205019 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_email_template" drop constraint if exists "marketing_email_template_starter_key_unique";`);
    this.addSql(`create table if not exists "marketing_email_template" ("id" text not null, "name" text not null, "description" text null, "subject" text not null, "html" text null, "mjml" text null, "text" text null, "layout" text check ("layout" in ('marketing', 'internal', 'none')) not null default 'marketing', "starter_key" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_email_template_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_email_template_deleted_at" ON "marketing_email_template" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_email_template_starter_key_unique" ON "marketing_email_template" ("starter_key") WHERE starter_key IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_email_template" cascade;`);
  }

}

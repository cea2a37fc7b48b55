import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207155341 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_form_stat" drop constraint if exists "marketing_form_stat_form_id_variant_day_unique";`);
    this.addSql(`create table if not exists "marketing_form" ("id" text not null, "name" text not null, "status" text check ("status" in ('draft', 'active', 'paused')) not null default 'draft', "kind" text check ("kind" in ('popup', 'flyout', 'banner', 'embedded')) not null, "position" text check ("position" in ('center', 'bottom_right', 'bottom_left', 'top', 'bottom')) not null, "fields" jsonb not null, "consent" jsonb not null, "hidden_fields" jsonb not null, "variants" jsonb not null, "incentive" jsonb null, "targeting" jsonb not null, "triggers" jsonb not null, "frequency" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_form_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_form_deleted_at" ON "marketing_form" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_form_status" ON "marketing_form" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_form_stat" ("id" text not null, "form_id" text not null, "variant" text not null, "day" text not null, "views" integer not null default 0, "closes" integer not null default 0, "submissions" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_form_stat_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_form_stat_deleted_at" ON "marketing_form_stat" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_form_stat_form_id_variant_day_unique" ON "marketing_form_stat" ("form_id", "variant", "day");`);

    this.addSql(`create table if not exists "marketing_form_submission" ("id" text not null, "form_id" text not null, "variant" text not null, "contact_id" text null, "anonymous_id" text null, "email" text not null, "values" jsonb not null, "consent_given" boolean not null, "consent_topics" jsonb not null, "consent_text" text null, "hidden" jsonb not null, "page_url" text null, "discount_code" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_form_submission_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_form_submission_deleted_at" ON "marketing_form_submission" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_form_submission_form_id_created_at" ON "marketing_form_submission" ("form_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_form_submission_contact_id" ON "marketing_form_submission" ("contact_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_form_submission_email" ON "marketing_form_submission" ("email");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_form" cascade;`);

    this.addSql(`drop table if exists "marketing_form_stat" cascade;`);

    this.addSql(`drop table if exists "marketing_form_submission" cascade;`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207120426 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "marketing_contact_export" ("id" text not null, "kind" text check ("kind" in ('list', 'segment', 'audience')) not null, "segment_id" text null, "filters" jsonb null, "columns" jsonb not null, "advertising" boolean not null default false, "platform" text check ("platform" in ('google', 'meta', 'generic')) null, "status" text check ("status" in ('pending', 'running', 'done', 'failed', 'expired')) not null default 'pending', "requested_by" text null, "row_count" integer not null default 0, "truncated" boolean not null default false, "file_key" text null, "filename" text null, "error" text null, "attempts" integer not null default 0, "lease_until" timestamptz null, "started_at" timestamptz null, "finished_at" timestamptz null, "expires_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_export_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_export_deleted_at" ON "marketing_contact_export" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_export_created_at" ON "marketing_contact_export" ("created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_export_status" ON "marketing_contact_export" ("status") WHERE status IN ('pending', 'running') AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "advertising_consent" text check ("advertising_consent" in ('unknown', 'granted', 'denied')) not null default 'unknown', add column if not exists "advertising_consent_source" text null, add column if not exists "advertising_consent_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_contact_export" cascade;`);

    this.addSql(`alter table if exists "marketing_contact" drop column if exists "advertising_consent", drop column if exists "advertising_consent_source", drop column if exists "advertising_consent_at";`);
  }

}

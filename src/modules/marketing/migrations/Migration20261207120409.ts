import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207120409 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact_import_row" drop constraint if exists "marketing_contact_import_row_import_id_line_unique";`);
    this.addSql(`create table if not exists "marketing_contact_import" ("id" text not null, "status" text check ("status" in ('uploading', 'queued', 'processing', 'completed', 'failed')) not null default 'uploading', "file_name" text not null, "mapping" jsonb not null, "columns" jsonb not null, "rows_read" integer not null default 0, "rows_processed" integer not null default 0, "created" integer not null default 0, "updated" integer not null default 0, "merged" integer not null default 0, "duplicates" integer not null default 0, "skipped" integer not null default 0, "customers_linked" integer not null default 0, "consent_refused" integer not null default 0, "error" text null, "created_by" text null, "started_at" timestamptz null, "completed_at" timestamptz null, "lease_until" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_import_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_import_deleted_at" ON "marketing_contact_import" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_import_status_lease_until" ON "marketing_contact_import" ("status", "lease_until") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_contact_import_row" ("id" text not null, "import_id" text not null, "line" integer not null, "status" text check ("status" in ('pending', 'imported', 'rejected')) not null default 'pending', "email" text null, "data" jsonb null, "cells" jsonb not null, "error_column" text null, "error_message" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_import_row_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_import_row_deleted_at" ON "marketing_contact_import_row" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_contact_import_row_import_id_line_unique" ON "marketing_contact_import_row" ("import_id", "line");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_import_row_import_id_status_email" ON "marketing_contact_import_row" ("import_id", "status", "email");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_import_row_email" ON "marketing_contact_import_row" ("email");`);

    this.addSql(`alter table if exists "marketing_consent_record" add column if not exists "detail" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_contact_import" cascade;`);

    this.addSql(`drop table if exists "marketing_contact_import_row" cascade;`);

    this.addSql(`alter table if exists "marketing_consent_record" drop column if exists "detail";`);
  }

}

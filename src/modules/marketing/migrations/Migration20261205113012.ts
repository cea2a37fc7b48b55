import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205113012 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_flow_version" drop constraint if exists "marketing_flow_version_flow_id_version_unique";`);
    this.addSql(`alter table if exists "marketing_flow_step_run" drop constraint if exists "marketing_flow_step_run_idempotency_key_unique";`);
    this.addSql(`alter table if exists "marketing_flow_enrollment" drop constraint if exists "marketing_flow_enrollment_flow_id_contact_id_unique";`);
    this.addSql(`alter table if exists "marketing_flow_enrollment" drop constraint if exists "marketing_flow_enrollment_enrollment_key_unique";`);
    this.addSql(`create table if not exists "marketing_flow" ("id" text not null, "name" text not null, "description" text null, "status" text check ("status" in ('draft', 'active', 'paused', 'archived')) not null default 'draft', "definition" jsonb not null, "active_version_id" text null, "version_count" integer not null default 0, "recipe_key" text null, "published_at" timestamptz null, "paused_at" timestamptz null, "archived_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_deleted_at" ON "marketing_flow" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_status" ON "marketing_flow" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_flow_enrollment" ("id" text not null, "flow_id" text not null, "flow_version_id" text not null, "contact_id" text not null, "status" text check ("status" in ('active', 'completed', 'converted', 'exited', 'failed')) not null default 'active', "enrollment_key" text not null, "current_step_id" text null, "next_run_at" timestamptz null, "locked_until" timestamptz null, "attempts" integer not null default 0, "context" jsonb null, "entered_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" text null, "converted_at" timestamptz null, "conversion_order_id" text null, "conversion_amount" real null, "conversion_currency_code" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_enrollment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_enrollment_deleted_at" ON "marketing_flow_enrollment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_enrollment_enrollment_key_unique" ON "marketing_flow_enrollment" ("enrollment_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_enrollment_flow_id_contact_id_unique" ON "marketing_flow_enrollment" ("flow_id", "contact_id") WHERE status = 'active' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_enrollment_next_run_at" ON "marketing_flow_enrollment" ("next_run_at") WHERE status = 'active' AND next_run_at IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_enrollment_contact_id_flow_id" ON "marketing_flow_enrollment" ("contact_id", "flow_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_enrollment_flow_id_status_entered_at" ON "marketing_flow_enrollment" ("flow_id", "status", "entered_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_flow_step_run" ("id" text not null, "enrollment_id" text not null, "flow_id" text not null, "flow_version_id" text not null, "contact_id" text not null, "step_id" text not null, "step_type" text not null, "outcome" text check ("outcome" in ('completed', 'skipped', 'held', 'failed')) not null, "reason" text null, "branch" text null, "variant" text null, "message_id" text null, "idempotency_key" text not null, "data" jsonb null, "started_at" timestamptz not null, "finished_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_step_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_step_run_deleted_at" ON "marketing_flow_step_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_step_run_idempotency_key_unique" ON "marketing_flow_step_run" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_step_run_enrollment_id_started_at" ON "marketing_flow_step_run" ("enrollment_id", "started_at");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_step_run_contact_id" ON "marketing_flow_step_run" ("contact_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_step_run_flow_id_step_id_started_at" ON "marketing_flow_step_run" ("flow_id", "step_id", "started_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_flow_version" ("id" text not null, "flow_id" text not null, "version" integer not null, "definition" jsonb not null, "trigger_type" text not null, "published_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_version_deleted_at" ON "marketing_flow_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_version_flow_id_version_unique" ON "marketing_flow_version" ("flow_id", "version") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_version_trigger_type" ON "marketing_flow_version" ("trigger_type") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "tags" text[] null, add column if not exists "owner_user_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_flow" cascade;`);

    this.addSql(`drop table if exists "marketing_flow_enrollment" cascade;`);

    this.addSql(`drop table if exists "marketing_flow_step_run" cascade;`);

    this.addSql(`drop table if exists "marketing_flow_version" cascade;`);

    this.addSql(`alter table if exists "marketing_contact" drop column if exists "tags", drop column if exists "owner_user_id";`);
  }

}

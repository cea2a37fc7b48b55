import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205113630 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "marketing_flow_schedule" ("id" text not null, "flow_id" text not null, "segment_id" text not null, "run_at" timestamptz not null, "status" text check ("status" in ('pending', 'done', 'canceled')) not null default 'pending', "enrolled" integer null, "done_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_schedule_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_schedule_deleted_at" ON "marketing_flow_schedule" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_schedule_run_at" ON "marketing_flow_schedule" ("run_at") WHERE status = 'pending' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_schedule_flow_id" ON "marketing_flow_schedule" ("flow_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_flow_enrollment" add column if not exists "step_count" integer not null default 0, add column if not exists "wait_until" timestamptz null, add column if not exists "awaited_event_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_flow_schedule" cascade;`);

    this.addSql(`alter table if exists "marketing_flow_enrollment" drop column if exists "step_count", drop column if exists "wait_until", drop column if exists "awaited_event_id";`);
  }

}

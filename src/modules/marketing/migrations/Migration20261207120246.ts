import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207120246 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_retention_run" drop constraint if exists "marketing_retention_run_run_on_unique";`);
    this.addSql(`create table if not exists "marketing_retention_run" ("id" text not null, "run_on" text not null, "retention_days" integer not null, "cutoff" timestamptz not null, "status" text check ("status" in ('running', 'done', 'failed')) not null default 'running', "events_deleted" integer not null default 0, "batches" integer not null default 0, "started_at" timestamptz not null, "finished_at" timestamptz null, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_retention_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_retention_run_deleted_at" ON "marketing_retention_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_retention_run_run_on_unique" ON "marketing_retention_run" ("run_on");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_retention_run_cutoff" ON "marketing_retention_run" ("cutoff");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_retention_run" cascade;`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122174500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_scoring_backlog" drop constraint if exists "marketing_scoring_backlog_event_id_unique";`);
    this.addSql(`create table if not exists "marketing_scoring_backlog" ("id" text not null, "event_id" text not null, "contact_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_scoring_backlog_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_scoring_backlog_deleted_at" ON "marketing_scoring_backlog" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_scoring_backlog_event_id_unique" ON "marketing_scoring_backlog" ("event_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_scoring_backlog" cascade;`);
  }

}

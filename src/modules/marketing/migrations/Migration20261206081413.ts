import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206081413 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_message_rollup_stale" drop constraint if exists "marketing_message_rollup_stale_day_unique";`);
    this.addSql(`alter table if exists "marketing_message_rollup_day" drop constraint if exists "marketing_message_rollup_day_day_unique";`);
    this.addSql(`create table if not exists "marketing_message_rollup" ("id" text not null, "day" timestamptz not null, "kind" text not null, "flow_id" text null, "step_id" text null, "variant" text null, "recipients" integer not null default 0, "handed" integer not null default 0, "delivered" integer not null default 0, "opens" integer not null default 0, "clicks" integer not null default 0, "machine_opens" integer not null default 0, "machine_clicks" integer not null default 0, "hard_bounces" integer not null default 0, "soft_bounces" integer not null default 0, "complaints" integer not null default 0, "unsubscribes" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_message_rollup_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_rollup_deleted_at" ON "marketing_message_rollup" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_rollup_day_flow_id" ON "marketing_message_rollup" ("day", "flow_id");`);

    this.addSql(`create table if not exists "marketing_message_rollup_day" ("id" text not null, "day" timestamptz not null, "built_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_message_rollup_day_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_rollup_day_deleted_at" ON "marketing_message_rollup_day" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_message_rollup_day_day_unique" ON "marketing_message_rollup_day" ("day");`);

    this.addSql(`create table if not exists "marketing_message_rollup_stale" ("id" text not null, "day" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_message_rollup_stale_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_rollup_stale_deleted_at" ON "marketing_message_rollup_stale" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_message_rollup_stale_day_unique" ON "marketing_message_rollup_stale" ("day");`);

    // Written by hand (DML cannot declare triggers): every statement that
    // inserts, changes or deletes marketing or flow messages marks their UTC
    // days stale in its own transaction, so the reports stop reading those
    // days' rollups before the change is visible (reports/rollup.ts).
    // Statement-level with transition tables: one INSERT per statement, not per row.
    this.addSql(`CREATE OR REPLACE FUNCTION marketing_message_rollup_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO marketing_message_rollup_stale (id, day)
    SELECT 'mmrs_' || to_char(d AT TIME ZONE 'UTC', 'YYYYMMDD'), d
      FROM (SELECT DISTINCT date_trunc('day', queued_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS d
              FROM old_messages WHERE flow_id IS NOT NULL OR kind = 'marketing') o
    ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO marketing_message_rollup_stale (id, day)
    SELECT 'mmrs_' || to_char(d AT TIME ZONE 'UTC', 'YYYYMMDD'), d
      FROM (SELECT DISTINCT date_trunc('day', queued_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS d
              FROM new_messages WHERE flow_id IS NOT NULL OR kind = 'marketing') n
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;`);
    this.addSql(`DROP TRIGGER IF EXISTS marketing_message_rollup_insert ON marketing_message;`);
    this.addSql(`CREATE TRIGGER marketing_message_rollup_insert AFTER INSERT ON marketing_message
      REFERENCING NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION marketing_message_rollup_mark_stale();`);
    this.addSql(`DROP TRIGGER IF EXISTS marketing_message_rollup_update ON marketing_message;`);
    this.addSql(`CREATE TRIGGER marketing_message_rollup_update AFTER UPDATE ON marketing_message
      REFERENCING OLD TABLE AS old_messages NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION marketing_message_rollup_mark_stale();`);
    this.addSql(`DROP TRIGGER IF EXISTS marketing_message_rollup_delete ON marketing_message;`);
    this.addSql(`CREATE TRIGGER marketing_message_rollup_delete AFTER DELETE ON marketing_message
      REFERENCING OLD TABLE AS old_messages FOR EACH STATEMENT EXECUTE FUNCTION marketing_message_rollup_mark_stale();`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS marketing_message_rollup_insert ON marketing_message;`);
    this.addSql(`DROP TRIGGER IF EXISTS marketing_message_rollup_update ON marketing_message;`);
    this.addSql(`DROP TRIGGER IF EXISTS marketing_message_rollup_delete ON marketing_message;`);
    this.addSql(`DROP FUNCTION IF EXISTS marketing_message_rollup_mark_stale();`);
    this.addSql(`drop table if exists "marketing_message_rollup" cascade;`);

    this.addSql(`drop table if exists "marketing_message_rollup_day" cascade;`);

    this.addSql(`drop table if exists "marketing_message_rollup_stale" cascade;`);
  }

}

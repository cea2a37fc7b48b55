import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205173042 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_flow_round_robin" drop constraint if exists "marketing_flow_round_robin_flow_id_step_id_unique";`);
    this.addSql(`create table if not exists "marketing_flow_round_robin" ("id" text not null, "flow_id" text not null, "step_id" text not null, "assigned" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_round_robin_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_round_robin_deleted_at" ON "marketing_flow_round_robin" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_round_robin_flow_id_step_id_unique" ON "marketing_flow_round_robin" ("flow_id", "step_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_flow_round_robin" cascade;`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122190213 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_segment_membership" drop constraint if exists "marketing_segment_membership_segment_id_contact_id_unique";`);
    this.addSql(`alter table if exists "marketing_segment" drop constraint if exists "marketing_segment_built_in_key_unique";`);
    this.addSql(`create table if not exists "marketing_segment" ("id" text not null, "name" text not null, "description" text null, "definition" jsonb not null, "dependencies" jsonb null, "built_in_key" text null, "mirror_to_customer_group" boolean not null default false, "customer_group_id" text null, "member_count" integer not null default 0, "built_at" timestamptz null, "time_evaluated_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_segment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_deleted_at" ON "marketing_segment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_segment_built_in_key_unique" ON "marketing_segment" ("built_in_key") WHERE built_in_key IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_segment_membership" ("id" text not null, "segment_id" text not null, "contact_id" text not null, "entered_at" timestamptz not null, "exited_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_segment_membership_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_deleted_at" ON "marketing_segment_membership" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_segment_id_contact_id_unique" ON "marketing_segment_membership" ("segment_id", "contact_id") WHERE exited_at IS NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_contact_id" ON "marketing_segment_membership" ("contact_id") WHERE exited_at IS NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_segment_id_entered_at" ON "marketing_segment_membership" ("segment_id", "entered_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_segment_id_exited_at" ON "marketing_segment_membership" ("segment_id", "exited_at") WHERE exited_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_last_order_at" ON "marketing_contact" ("last_order_at") WHERE last_order_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_type_occurred_at" ON "marketing_event" ("type", "occurred_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_segment" cascade;`);

    this.addSql(`drop table if exists "marketing_segment_membership" cascade;`);

    this.addSql(`drop index if exists "IDX_marketing_contact_last_order_at";`);

    this.addSql(`drop index if exists "IDX_marketing_event_type_occurred_at";`);
  }

}

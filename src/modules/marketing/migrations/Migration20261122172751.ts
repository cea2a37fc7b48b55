import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122172751 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_score_entry" drop constraint if exists "marketing_score_entry_rule_id_event_id_unique";`);
    this.addSql(`create table if not exists "marketing_lifecycle_stage_change" ("id" text not null, "contact_id" text not null, "from_stage" text check ("from_stage" in ('subscriber', 'lead', 'marketing_qualified', 'sales_ready', 'customer', 'repeat_customer', 'vip', 'at_risk', 'lost')) null, "to_stage" text check ("to_stage" in ('subscriber', 'lead', 'marketing_qualified', 'sales_ready', 'customer', 'repeat_customer', 'vip', 'at_risk', 'lost')) not null, "reason" text not null, "changed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_lifecycle_stage_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_lifecycle_stage_change_deleted_at" ON "marketing_lifecycle_stage_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_lifecycle_stage_change_contact_id_changed_at" ON "marketing_lifecycle_stage_change" ("contact_id", "changed_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_score_entry" ("id" text not null, "contact_id" text not null, "score" text check ("score" in ('acquisition', 'loyalty')) not null, "component" text check ("component" in ('engagement', 'fit', 'rfm', 'loyalty_rule')) not null, "delta" real not null, "rule_id" text null, "event_id" text null, "reason" text not null, "occurred_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_score_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_score_entry_deleted_at" ON "marketing_score_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_score_entry_contact_id_occurred_at" ON "marketing_score_entry" ("contact_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_score_entry_rule_id_event_id_unique" ON "marketing_score_entry" ("rule_id", "event_id") WHERE event_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_score_entry_rule_id" ON "marketing_score_entry" ("rule_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_scoring_recompute" ("id" text not null, "status" text check ("status" in ('running', 'done', 'failed')) not null default 'running', "reason" text not null, "progress" real not null default 0, "step" text null, "started_at" timestamptz not null, "finished_at" timestamptz null, "error" text null, "stats" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_scoring_recompute_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_scoring_recompute_deleted_at" ON "marketing_scoring_recompute" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_scoring_rule" ("id" text not null, "name" text not null, "description" text null, "kind" text check ("kind" in ('engagement', 'fit', 'loyalty')) not null, "event_type" text null, "conditions" jsonb null, "points" integer not null, "cap_count" integer null, "cap_period" text check ("cap_period" in ('day', 'week', 'ever')) null, "active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_scoring_rule_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_scoring_rule_deleted_at" ON "marketing_scoring_rule" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_scoring_settings" ("id" text not null, "half_life_days" real not null default 30, "lead_threshold" integer not null default 20, "marketing_qualified_threshold" integer not null default 50, "sales_ready_threshold" integer not null default 80, "repeat_customer_orders" integer not null default 2, "vip_loyalty_score" integer not null default 85, "inactivity_days" integer not null default 30, "sales_notification_email" text null, "sales_notification_feed" boolean not null default true, "rfm_boundaries" jsonb null, "rfm_computed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_scoring_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_scoring_settings_deleted_at" ON "marketing_scoring_settings" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "engagement_score" real not null default 0, add column if not exists "fit_score" integer not null default 0, add column if not exists "acquisition_score" integer not null default 0, add column if not exists "loyalty_points" integer not null default 0, add column if not exists "loyalty_score" integer not null default 0, add column if not exists "scored_at" timestamptz null, add column if not exists "fit_rule_ids" jsonb null, add column if not exists "order_count" integer not null default 0, add column if not exists "total_spent" real not null default 0, add column if not exists "last_order_at" timestamptz null, add column if not exists "rfm_recency" integer null, add column if not exists "rfm_frequency" integer null, add column if not exists "rfm_monetary" integer null, add column if not exists "rfm_group" text null, add column if not exists "lifecycle_stage" text check ("lifecycle_stage" in ('subscriber', 'lead', 'marketing_qualified', 'sales_ready', 'customer', 'repeat_customer', 'vip', 'at_risk', 'lost')) not null default 'subscriber', add column if not exists "lifecycle_stage_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_acquisition_score" ON "marketing_contact" ("acquisition_score") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_loyalty_score" ON "marketing_contact" ("loyalty_score") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_lifecycle_stage" ON "marketing_contact" ("lifecycle_stage") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_rfm_group" ON "marketing_contact" ("rfm_group") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_lifecycle_stage_change" cascade;`);

    this.addSql(`drop table if exists "marketing_score_entry" cascade;`);

    this.addSql(`drop table if exists "marketing_scoring_recompute" cascade;`);

    this.addSql(`drop table if exists "marketing_scoring_rule" cascade;`);

    this.addSql(`drop table if exists "marketing_scoring_settings" cascade;`);

    this.addSql(`drop index if exists "IDX_marketing_contact_acquisition_score";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_loyalty_score";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_lifecycle_stage";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_rfm_group";`);
    this.addSql(`alter table if exists "marketing_contact" drop column if exists "engagement_score", drop column if exists "fit_score", drop column if exists "acquisition_score", drop column if exists "loyalty_points", drop column if exists "loyalty_score", drop column if exists "scored_at", drop column if exists "fit_rule_ids", drop column if exists "order_count", drop column if exists "total_spent", drop column if exists "last_order_at", drop column if exists "rfm_recency", drop column if exists "rfm_frequency", drop column if exists "rfm_monetary", drop column if exists "rfm_group", drop column if exists "lifecycle_stage", drop column if exists "lifecycle_stage_at";`);
  }

}

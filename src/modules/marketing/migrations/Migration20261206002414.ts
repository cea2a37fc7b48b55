import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206002414 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_flow_ab_decision" drop constraint if exists "marketing_flow_ab_decision_flow_version_id_step_id_unique";`);
    this.addSql(`alter table if exists "marketing_attribution" drop constraint if exists "marketing_attribution_event_id_unique";`);
    this.addSql(`alter table if exists "marketing_attribution" drop constraint if exists "marketing_attribution_order_id_unique";`);
    this.addSql(`create table if not exists "marketing_attribution" ("id" text not null, "kind" text check ("kind" in ('order', 'appointment')) not null default 'order', "order_id" text null, "event_id" text null, "contact_id" text not null, "message_id" text not null, "flow_id" text null, "flow_version_id" text null, "step_id" text null, "variant" text null, "touch" text check ("touch" in ('click', 'open')) not null, "touched_at" timestamptz not null, "amount" numeric null, "currency_code" text null, "discount_amount" numeric not null default 0, "first_order" boolean not null default false, "ordered_at" timestamptz not null, "withdrawn_at" timestamptz null, "raw_amount" jsonb null, "raw_discount_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_attribution_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_attribution_deleted_at" ON "marketing_attribution" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_attribution_order_id_unique" ON "marketing_attribution" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_attribution_event_id_unique" ON "marketing_attribution" ("event_id") WHERE event_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_attribution_flow_id_ordered_at" ON "marketing_attribution" ("flow_id", "ordered_at") WHERE deleted_at IS NULL AND withdrawn_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_attribution_ordered_at" ON "marketing_attribution" ("ordered_at") WHERE deleted_at IS NULL AND withdrawn_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_attribution_contact_id" ON "marketing_attribution" ("contact_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_attribution_message_id" ON "marketing_attribution" ("message_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_channel_spend" ("id" text not null, "month" text not null, "channel" text not null, "utm_source" text null, "utm_campaign" text null, "amount" numeric not null, "currency_code" text not null, "note" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_channel_spend_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_channel_spend_deleted_at" ON "marketing_channel_spend" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_channel_spend_month_channel" ON "marketing_channel_spend" ("month", "channel") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_flow_ab_decision" ("id" text not null, "flow_id" text not null, "flow_version_id" text not null, "step_id" text not null, "metric" text not null, "winner" text not null, "test" text not null, "p_value" real not null, "confidence" real not null, "samples" jsonb not null, "decided_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_ab_decision_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_ab_decision_deleted_at" ON "marketing_flow_ab_decision" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_ab_decision_flow_version_id_step_id_unique" ON "marketing_flow_ab_decision" ("flow_version_id", "step_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_ab_decision_flow_id" ON "marketing_flow_ab_decision" ("flow_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_report_settings" ("id" text not null, "click_window_days" real not null default 5, "open_window_days" real not null default 1, "cost_per_email" real not null default 0, "currency_code" text not null default 'usd', "channel_mappings" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_report_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_report_settings_deleted_at" ON "marketing_report_settings" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "first_channel" text null, add column if not exists "last_channel" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_first_channel" ON "marketing_contact" ("first_channel") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_event" add column if not exists "channel" text null;`);

    this.addSql(`alter table if exists "marketing_flow" add column if not exists "monthly_cost" real null;`);

    this.addSql(`alter table if exists "marketing_message" add column if not exists "soft_bounced_at" timestamptz null, add column if not exists "unsubscribed_at" timestamptz null, add column if not exists "flow_id" text null, add column if not exists "flow_version_id" text null, add column if not exists "step_id" text null, add column if not exists "variant" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_flow_id_queued_at" ON "marketing_message" ("flow_id", "queued_at") WHERE flow_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_queued_at" ON "marketing_message" ("queued_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_attribution" cascade;`);

    this.addSql(`drop table if exists "marketing_channel_spend" cascade;`);

    this.addSql(`drop table if exists "marketing_flow_ab_decision" cascade;`);

    this.addSql(`drop table if exists "marketing_report_settings" cascade;`);

    this.addSql(`drop index if exists "IDX_marketing_contact_first_channel";`);
    this.addSql(`alter table if exists "marketing_contact" drop column if exists "first_channel", drop column if exists "last_channel";`);

    this.addSql(`alter table if exists "marketing_event" drop column if exists "channel";`);

    this.addSql(`alter table if exists "marketing_flow" drop column if exists "monthly_cost";`);

    this.addSql(`drop index if exists "IDX_marketing_message_flow_id_queued_at";`);
    this.addSql(`drop index if exists "IDX_marketing_message_queued_at";`);
    this.addSql(`alter table if exists "marketing_message" drop column if exists "soft_bounced_at", drop column if exists "unsubscribed_at", drop column if exists "flow_id", drop column if exists "flow_version_id", drop column if exists "step_id", drop column if exists "variant";`);
  }

}

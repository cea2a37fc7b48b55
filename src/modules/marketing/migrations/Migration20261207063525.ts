import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207063525 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact_send_time" drop constraint if exists "marketing_contact_send_time_contact_id_unique";`);
    this.addSql(`alter table if exists "marketing_contact_propensity" drop constraint if exists "marketing_contact_propensity_contact_id_unique";`);
    this.addSql(`create table if not exists "marketing_contact_propensity" ("id" text not null, "contact_id" text not null, "fit_id" text not null, "probability" real not null, "predicted_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_propensity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_propensity_deleted_at" ON "marketing_contact_propensity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_contact_propensity_contact_id_unique" ON "marketing_contact_propensity" ("contact_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_propensity_probability" ON "marketing_contact_propensity" ("probability") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_contact_send_time" ("id" text not null, "contact_id" text not null, "best_hour" integer not null, "engagements" integer not null, "hours" jsonb not null, "computed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_send_time_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_send_time_deleted_at" ON "marketing_contact_send_time" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_contact_send_time_contact_id_unique" ON "marketing_contact_send_time" ("contact_id");`);

    this.addSql(`create table if not exists "marketing_propensity_fit" ("id" text not null, "status" text check ("status" in ('fitted', 'insufficient', 'failed')) not null, "missing" text null, "training_leads" integer not null default 0, "training_first_buyers" integer not null default 0, "evaluation_leads" integer not null default 0, "evaluation_first_buyers" integer not null default 0, "scored_leads" integer not null default 0, "auc" real null, "training_from" timestamptz not null, "evaluation_from" timestamptz not null, "model" jsonb null, "timings" jsonb null, "error" text null, "fitted_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_propensity_fit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_propensity_fit_deleted_at" ON "marketing_propensity_fit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_propensity_fit_fitted_at" ON "marketing_propensity_fit" ("fitted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_send_time_pattern" ("id" text not null, "counts" jsonb not null, "engagements" integer not null default 0, "contacts" integer not null default 0, "prior_weight" real not null, "history_days" integer not null, "computed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_send_time_pattern_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_send_time_pattern_deleted_at" ON "marketing_send_time_pattern" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_send_time_pattern_computed_at" ON "marketing_send_time_pattern" ("computed_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_contact_propensity" cascade;`);

    this.addSql(`drop table if exists "marketing_contact_send_time" cascade;`);

    this.addSql(`drop table if exists "marketing_propensity_fit" cascade;`);

    this.addSql(`drop table if exists "marketing_send_time_pattern" cascade;`);
  }

}

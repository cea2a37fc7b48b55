import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207055509 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact_prediction" drop constraint if exists "marketing_contact_prediction_contact_id_currency_code_unique";`);
    this.addSql(`create table if not exists "marketing_contact_prediction" ("id" text not null, "contact_id" text not null, "currency_code" text not null, "fit_id" text not null, "orders" integer not null, "first_order_at" timestamptz not null, "last_order_at" timestamptz not null, "historic_value" real not null, "average_order_value" real null, "average_days_between_orders" real null, "probability_active" real not null, "churn_risk" real not null, "churn_risk_band" text check ("churn_risk_band" in ('low', 'medium', 'high')) not null, "predicted_orders_365" real not null, "predicted_value_365" real null, "predicted_lifetime_value" real null, "expected_next_order_at" timestamptz null, "predicted_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_prediction_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_prediction_deleted_at" ON "marketing_contact_prediction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_contact_prediction_contact_id_currency_code_unique" ON "marketing_contact_prediction" ("contact_id", "currency_code");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_prediction_churn_risk_band" ON "marketing_contact_prediction" ("churn_risk_band") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_prediction_expected_next_order_at" ON "marketing_contact_prediction" ("expected_next_order_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_prediction_fit" ("id" text not null, "currency_code" text not null, "status" text check ("status" in ('fitted', 'insufficient', 'failed')) not null, "missing" text null, "customers" integer not null default 0, "repeat_customers" integer not null default 0, "history_days" real not null default 0, "parameters" jsonb null, "backtest" jsonb null, "timings" jsonb null, "error" text null, "fitted_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_prediction_fit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_prediction_fit_deleted_at" ON "marketing_prediction_fit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_prediction_fit_currency_code_fitted_at" ON "marketing_prediction_fit" ("currency_code", "fitted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_contact_prediction" cascade;`);

    this.addSql(`drop table if exists "marketing_prediction_fit" cascade;`);
  }

}

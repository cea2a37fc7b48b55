import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122164658 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_visitor" drop constraint if exists "marketing_visitor_anonymous_id_unique";`);
    this.addSql(`alter table if exists "marketing_event" drop constraint if exists "marketing_event_idempotency_key_unique";`);
    this.addSql(`alter table if exists "marketing_contact" drop constraint if exists "marketing_contact_customer_id_unique";`);
    this.addSql(`create table if not exists "marketing_contact" ("id" text not null, "customer_id" text null, "email" text null, "first_name" text null, "last_name" text null, "phone" text null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "cart_id" text null, "merged_into_id" text null, "birth_date" timestamptz null, "age_band" text null, "gender" text null, "occupation" text null, "country_code" text null, "city" text null, "locale" text null, "timezone" text null, "device_type" text check ("device_type" in ('desktop', 'mobile', 'tablet', 'other')) null, "os" text null, "browser" text null, "first_utm_source" text null, "first_utm_medium" text null, "first_utm_campaign" text null, "last_utm_source" text null, "last_utm_medium" text null, "last_utm_campaign" text null, "referrer" text null, "landing_page" text null, "analytics_consent" text check ("analytics_consent" in ('unknown', 'granted', 'denied')) not null default 'unknown', "analytics_consent_source" text null, "analytics_consent_at" timestamptz null, "email_marketing_consent" text check ("email_marketing_consent" in ('unknown', 'granted', 'denied')) not null default 'unknown', "email_marketing_consent_source" text null, "email_marketing_consent_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_deleted_at" ON "marketing_contact" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_contact_customer_id_unique" ON "marketing_contact" ("customer_id") WHERE customer_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_email" ON "marketing_contact" ("email") WHERE email IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_last_seen_at" ON "marketing_contact" ("last_seen_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_country_code" ON "marketing_contact" ("country_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_cart_id" ON "marketing_contact" ("cart_id") WHERE cart_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_event" ("id" text not null, "type" text not null, "properties" jsonb not null default '{}', "occurred_at" timestamptz not null, "received_at" timestamptz not null, "session_id" text null, "source" text check ("source" in ('storefront', 'medusa', 'email')) not null, "idempotency_key" text null, "contact_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_contact_id" ON "marketing_event" ("contact_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_deleted_at" ON "marketing_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_contact_id_type_occurred_at" ON "marketing_event" ("contact_id", "type", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_contact_id_occurred_at" ON "marketing_event" ("contact_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_event_idempotency_key_unique" ON "marketing_event" ("idempotency_key") WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_visitor" ("id" text not null, "anonymous_id" text not null, "contact_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_visitor_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_visitor_contact_id" ON "marketing_visitor" ("contact_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_visitor_deleted_at" ON "marketing_visitor" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_visitor_anonymous_id_unique" ON "marketing_visitor" ("anonymous_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_event" add constraint "marketing_event_contact_id_foreign" foreign key ("contact_id") references "marketing_contact" ("id") on update cascade;`);

    this.addSql(`alter table if exists "marketing_visitor" add constraint "marketing_visitor_contact_id_foreign" foreign key ("contact_id") references "marketing_contact" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_event" drop constraint if exists "marketing_event_contact_id_foreign";`);

    this.addSql(`alter table if exists "marketing_visitor" drop constraint if exists "marketing_visitor_contact_id_foreign";`);

    this.addSql(`drop table if exists "marketing_contact" cascade;`);

    this.addSql(`drop table if exists "marketing_event" cascade;`);

    this.addSql(`drop table if exists "marketing_visitor" cascade;`);
  }

}

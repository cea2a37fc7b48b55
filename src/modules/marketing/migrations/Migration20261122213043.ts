import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122213043 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_suppression" drop constraint if exists "marketing_suppression_email_hash_unique";`);
    this.addSql(`alter table if exists "marketing_message" drop constraint if exists "marketing_message_idempotency_key_unique";`);
    this.addSql(`create table if not exists "marketing_consent_record" ("id" text not null, "contact_id" text not null, "channel" text not null default 'email_marketing', "status" text check ("status" in ('pending', 'granted', 'denied')) not null, "source" text not null, "ip_address" text null, "user_agent" text null, "message_id" text null, "occurred_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_consent_record_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_consent_record_deleted_at" ON "marketing_consent_record" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_consent_record_contact_id_occurred_at" ON "marketing_consent_record" ("contact_id", "occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_message" ("id" text not null, "contact_id" text null, "template_id" text null, "kind" text check ("kind" in ('marketing', 'transactional')) not null default 'marketing', "topic" text null, "email" text not null, "subject" text null, "status" text check ("status" in ('queued', 'sent', 'failed', 'bounced', 'complained', 'suppressed')) not null default 'queued', "idempotency_key" text not null, "context" jsonb null, "provider_id" text null, "provider_message_id" text null, "notification_id" text null, "error" text null, "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "locked_until" timestamptz null, "queued_at" timestamptz not null, "sent_at" timestamptz null, "failed_at" timestamptz null, "bounced_at" timestamptz null, "complained_at" timestamptz null, "opened_at" timestamptz null, "clicked_at" timestamptz null, "open_count" integer not null default 0, "click_count" integer not null default 0, "machine_open_count" integer not null default 0, "machine_click_count" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_message_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_deleted_at" ON "marketing_message" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_message_idempotency_key_unique" ON "marketing_message" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_status_next_attempt_at" ON "marketing_message" ("status", "next_attempt_at") WHERE status = 'queued' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_contact_id_queued_at" ON "marketing_message" ("contact_id", "queued_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_template_id_queued_at" ON "marketing_message" ("template_id", "queued_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_provider_message_id" ON "marketing_message" ("provider_message_id") WHERE provider_message_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_suppression" ("id" text not null, "email_hash" text not null, "reason" text check ("reason" in ('unsubscribed', 'hard_bounce', 'complaint', 'erased', 'manual')) not null, "source" text null, "detail" text null, "contact_id" text null, "message_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_suppression_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_suppression_deleted_at" ON "marketing_suppression" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_suppression_email_hash_unique" ON "marketing_suppression" ("email_hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_suppression_contact_id" ON "marketing_suppression" ("contact_id") WHERE contact_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_contact" drop constraint if exists "marketing_contact_email_marketing_consent_check";`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "email_topics_opted_out" jsonb null, add column if not exists "email_paused_until" timestamptz null;`);
    this.addSql(`alter table if exists "marketing_contact" add constraint "marketing_contact_email_marketing_consent_check" check("email_marketing_consent" in ('unknown', 'pending', 'granted', 'denied'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_consent_record" cascade;`);

    this.addSql(`drop table if exists "marketing_message" cascade;`);

    this.addSql(`drop table if exists "marketing_suppression" cascade;`);

    this.addSql(`alter table if exists "marketing_contact" drop constraint if exists "marketing_contact_email_marketing_consent_check";`);

    this.addSql(`alter table if exists "marketing_contact" drop column if exists "email_topics_opted_out", drop column if exists "email_paused_until";`);

    this.addSql(`alter table if exists "marketing_contact" add constraint "marketing_contact_email_marketing_consent_check" check("email_marketing_consent" in ('unknown', 'granted', 'denied'));`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203080147 extends Migration {

  override async up(): Promise<void> {
    // Written by hand: the generator compares indexes by name and misses that
    // these lost their deleted_at predicate (`where: null` in the models).
    // Merges, erasure, export and the contact foreign key look rows up by
    // contact without that predicate, which a partial index cannot serve.
    this.addSql(`drop index if exists "IDX_marketing_consent_record_contact_id_occurred_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_consent_record_contact_id_occurred_at" ON "marketing_consent_record" ("contact_id", "occurred_at");`);
    this.addSql(`drop index if exists "IDX_marketing_event_contact_id_occurred_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_contact_id_occurred_at" ON "marketing_event" ("contact_id", "occurred_at");`);
    this.addSql(`drop index if exists "IDX_marketing_lifecycle_stage_change_contact_id_changed_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_lifecycle_stage_change_contact_id_changed_at" ON "marketing_lifecycle_stage_change" ("contact_id", "changed_at");`);
    this.addSql(`drop index if exists "IDX_marketing_message_contact_id_queued_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_contact_id_queued_at" ON "marketing_message" ("contact_id", "queued_at");`);
    this.addSql(`drop index if exists "IDX_marketing_score_entry_contact_id_occurred_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_score_entry_contact_id_occurred_at" ON "marketing_score_entry" ("contact_id", "occurred_at");`);
    this.addSql(`drop index if exists "IDX_marketing_segment_membership_contact_id";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_contact_id" ON "marketing_segment_membership" ("contact_id");`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_merged_into_id" ON "marketing_contact" ("merged_into_id") WHERE merged_into_id IS NOT NULL AND deleted_at IS NOT NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_visitor_contact_id_anonymous_id" ON "marketing_visitor" ("contact_id", "anonymous_id");`);

    // Written by hand (DML cannot index an expression): addresses are matched
    // case-insensitively, by lower(email). Without these, every identify that
    // carries an email read all contacts (0.6 s at 1M), and export and erasure
    // all messages.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_lower_email" ON "marketing_contact" (lower(email)) WHERE email IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_lower_email" ON "marketing_message" (lower(email));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_marketing_consent_record_contact_id_occurred_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_consent_record_contact_id_occurred_at" ON "marketing_consent_record" ("contact_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`drop index if exists "IDX_marketing_event_contact_id_occurred_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_contact_id_occurred_at" ON "marketing_event" ("contact_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`drop index if exists "IDX_marketing_lifecycle_stage_change_contact_id_changed_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_lifecycle_stage_change_contact_id_changed_at" ON "marketing_lifecycle_stage_change" ("contact_id", "changed_at") WHERE deleted_at IS NULL;`);
    this.addSql(`drop index if exists "IDX_marketing_message_contact_id_queued_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_contact_id_queued_at" ON "marketing_message" ("contact_id", "queued_at") WHERE deleted_at IS NULL;`);
    this.addSql(`drop index if exists "IDX_marketing_score_entry_contact_id_occurred_at";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_score_entry_contact_id_occurred_at" ON "marketing_score_entry" ("contact_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`drop index if exists "IDX_marketing_segment_membership_contact_id";`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_contact_id" ON "marketing_segment_membership" ("contact_id") WHERE exited_at IS NULL AND deleted_at IS NULL;`);

    this.addSql(`drop index if exists "IDX_marketing_contact_merged_into_id";`);

    this.addSql(`drop index if exists "IDX_marketing_visitor_contact_id_anonymous_id";`);

    this.addSql(`drop index if exists "IDX_marketing_contact_lower_email";`);
    this.addSql(`drop index if exists "IDX_marketing_message_lower_email";`);
  }

}

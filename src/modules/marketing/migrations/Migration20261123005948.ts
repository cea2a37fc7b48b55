import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123005948 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_marketing_score_entry_rule_id";`);
    // Written by hand (DML cannot express storage parameters): room on each
    // ledger page lets a recompute change an entry's points in place (a HOT
    // update) instead of writing it elsewhere and into every index.
    this.addSql(`alter table if exists "marketing_score_entry" set (fillfactor = 90);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_score_entry" reset (fillfactor);`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_score_entry_rule_id" ON "marketing_score_entry" ("rule_id") WHERE deleted_at IS NULL;`);
  }

}

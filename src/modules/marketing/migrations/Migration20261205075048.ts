import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205075048 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_scoring_recompute" add column if not exists "rule_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_scoring_recompute" drop column if exists "rule_id";`);
  }

}

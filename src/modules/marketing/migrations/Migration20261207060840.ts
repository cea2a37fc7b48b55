import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207060840 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact_prediction" add column if not exists "predicted_lifetime_value_percentile" real null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact_prediction" drop column if exists "predicted_lifetime_value_percentile";`);
  }

}

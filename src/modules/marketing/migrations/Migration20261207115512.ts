import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207115512 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact_propensity" add column if not exists "percentile" real null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact_propensity" drop column if exists "percentile";`);
  }

}

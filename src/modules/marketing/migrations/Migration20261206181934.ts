import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206181934 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_flow_enrollment" add column if not exists "raw_conversion_amount" jsonb null;`);
    this.addSql(`alter table if exists "marketing_flow_enrollment" alter column "conversion_amount" type numeric using ("conversion_amount"::numeric);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_flow_enrollment" drop column if exists "raw_conversion_amount";`);

    this.addSql(`alter table if exists "marketing_flow_enrollment" alter column "conversion_amount" type real using ("conversion_amount"::real);`);
  }

}

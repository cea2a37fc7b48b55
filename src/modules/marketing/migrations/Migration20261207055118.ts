import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207055118 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" add column if not exists "company" text null, add column if not exists "industry" text null, add column if not exists "job_title" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" drop column if exists "company", drop column if exists "industry", drop column if exists "job_title";`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205075015 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_scoring_settings" add column if not exists "recency_floor_days" integer not null default 30, add column if not exists "time_zone" text not null default 'UTC';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_scoring_settings" drop column if exists "recency_floor_days", drop column if exists "time_zone";`);
  }

}

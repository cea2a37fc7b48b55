import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205082003 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_scoring_rule" drop constraint if exists "marketing_scoring_rule_cap_period_check";`);

    this.addSql(`alter table if exists "marketing_scoring_rule" add constraint "marketing_scoring_rule_cap_period_check" check("cap_period" in ('day', 'week', 'month', 'ever'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_scoring_rule" drop constraint if exists "marketing_scoring_rule_cap_period_check";`);

    this.addSql(`alter table if exists "marketing_scoring_rule" add constraint "marketing_scoring_rule_cap_period_check" check("cap_period" in ('day', 'week', 'ever'));`);
  }

}

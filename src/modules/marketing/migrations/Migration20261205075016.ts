import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205075016 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_event" drop constraint if exists "marketing_event_contact_id_foreign";`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "has_account" boolean null;`);

    this.addSql(`alter table if exists "marketing_event" add column if not exists "cart_id" text null;`);
    this.addSql(`alter table if exists "marketing_event" alter column "contact_id" type text using ("contact_id"::text);`);
    this.addSql(`alter table if exists "marketing_event" alter column "contact_id" drop not null;`);
    this.addSql(`alter table if exists "marketing_event" add constraint "marketing_event_contact_id_foreign" foreign key ("contact_id") references "marketing_contact" ("id") on update cascade on delete set null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_cart_id" ON "marketing_event" ("cart_id") WHERE cart_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_event_received_at" ON "marketing_event" ("received_at") WHERE contact_id IS NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_event" drop constraint if exists "marketing_event_contact_id_foreign";`);

    this.addSql(`alter table if exists "marketing_contact" drop column if exists "has_account";`);

    this.addSql(`drop index if exists "IDX_marketing_event_cart_id";`);
    this.addSql(`drop index if exists "IDX_marketing_event_received_at";`);
    this.addSql(`alter table if exists "marketing_event" drop column if exists "cart_id";`);

    this.addSql(`alter table if exists "marketing_event" alter column "contact_id" type text using ("contact_id"::text);`);
    this.addSql(`alter table if exists "marketing_event" alter column "contact_id" set not null;`);
    this.addSql(`alter table if exists "marketing_event" add constraint "marketing_event_contact_id_foreign" foreign key ("contact_id") references "marketing_contact" ("id") on update cascade;`);
  }

}

DROP INDEX "emails_created_at_index";--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emails_organization_id_created_at_index" ON "emails" USING btree ("organization_id","created_at");
CREATE TABLE "publication_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"up_to_version" integer NOT NULL,
	"reason" text NOT NULL,
	"withdrawn_by" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publication_withdrawals_planId_fiscalYear_upToVersion_unique" UNIQUE("plan_id","fiscal_year","up_to_version")
);
--> statement-breakpoint
ALTER TABLE "publication_withdrawals" ADD CONSTRAINT "publication_withdrawals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_withdrawals" ADD CONSTRAINT "publication_withdrawals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_withdrawals" ADD CONSTRAINT "publication_withdrawals_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER publication_withdrawals_append_only BEFORE UPDATE OR DELETE ON publication_withdrawals
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();

CREATE TABLE "council_opinion_decisions" (
	"opinion_id" uuid NOT NULL,
	"decision_id" bigint NOT NULL,
	CONSTRAINT "council_opinion_decisions_opinion_id_decision_id_pk" PRIMARY KEY("opinion_id","decision_id")
);
--> statement-breakpoint
CREATE TABLE "council_opinions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"measure_id" uuid,
	"meeting_date" date,
	"opinion" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"response" text,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"snapshot_hash" text NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publications_planId_fiscalYear_version_unique" UNIQUE("plan_id","fiscal_year","version")
);
--> statement-breakpoint
ALTER TABLE "council_opinion_decisions" ADD CONSTRAINT "council_opinion_decisions_opinion_id_council_opinions_id_fk" FOREIGN KEY ("opinion_id") REFERENCES "public"."council_opinions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_opinion_decisions" ADD CONSTRAINT "council_opinion_decisions_decision_id_decision_log_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decision_log"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_opinions" ADD CONSTRAINT "council_opinions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_opinions" ADD CONSTRAINT "council_opinions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_opinions" ADD CONSTRAINT "council_opinions_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_opinions" ADD CONSTRAINT "council_opinions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_opinions" ADD CONSTRAINT "council_opinions_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_opinions_plan_id_fiscal_year_index" ON "council_opinions" USING btree ("plan_id","fiscal_year");--> statement-breakpoint
-- A published snapshot is what citizens saw: never changed or removed; publishing again adds a version.
CREATE TRIGGER publications_append_only BEFORE UPDATE OR DELETE ON publications
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();

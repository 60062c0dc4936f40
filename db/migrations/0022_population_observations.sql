CREATE TABLE "population_observation_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"via" text NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "population_observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"as_of" date NOT NULL,
	"total" integer NOT NULL,
	"births" integer,
	"deaths" integer,
	"in_migration" integer,
	"out_migration" integer,
	"source" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_observations_organizationId_year_unique" UNIQUE("organization_id","year"),
	CONSTRAINT "population_counts" CHECK ("population_observations"."total" >= 0 and coalesce("population_observations"."births", 0) >= 0 and coalesce("population_observations"."deaths", 0) >= 0 and coalesce("population_observations"."in_migration", 0) >= 0 and coalesce("population_observations"."out_migration", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "population_observation_log" ADD CONSTRAINT "population_observation_log_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_observation_log" ADD CONSTRAINT "population_observation_log_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_observations" ADD CONSTRAINT "population_observations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "population_observation_log_organization_id_year_index" ON "population_observation_log" USING btree ("organization_id","year");--> statement-breakpoint
CREATE TRIGGER population_observation_log_append_only BEFORE UPDATE OR DELETE ON population_observation_log
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();
--> statement-breakpoint
-- The dashboard page shows the observed population against the vision: a change of an
-- organization's figures is a change of each of its plans' content (0017's function, per organization).
CREATE TRIGGER population_observations_content_version_insert AFTER INSERT ON population_observations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_content_version('organization_id');
--> statement-breakpoint
CREATE TRIGGER population_observations_content_version_update AFTER UPDATE ON population_observations REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_content_version('organization_id');
--> statement-breakpoint
CREATE TRIGGER population_observations_content_version_delete AFTER DELETE ON population_observations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_content_version('organization_id');

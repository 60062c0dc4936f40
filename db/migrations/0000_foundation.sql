CREATE TYPE "public"."decision_source" AS ENUM('document', 'review');--> statement-breakpoint
CREATE TYPE "public"."decision_subject" AS ENUM('measure', 'project', 'kpi');--> statement-breakpoint
CREATE TYPE "public"."revision_marker" AS ENUM('measure_added', 'project_added', 'project_content_changed', 'project_ended', 'numeric_target_changed', 'kpi_changed', 'target_changed');--> statement-breakpoint
CREATE TYPE "public"."kpi_direction" AS ENUM('higher', 'lower', 'keep');--> statement-breakpoint
CREATE TYPE "public"."population_figure_kind" AS ENUM('current', 'goal', 'projection', 'simulation', 'outlook');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('active', 'ended');--> statement-breakpoint
CREATE TYPE "public"."provenance" AS ENUM('document', 'review', 'decision');--> statement-breakpoint
CREATE TYPE "public"."value_kind" AS ENUM('baseline', 'actual', 'target');--> statement-breakpoint
CREATE TYPE "public"."value_quality" AS ENUM('provisional', 'final');--> statement-breakpoint
CREATE TYPE "public"."year_basis" AS ENUM('fiscal', 'calendar');--> statement-breakpoint
CREATE TABLE "decision_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"marker" "revision_marker" NOT NULL,
	"subject_type" "decision_subject" NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_code" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"rationale" text,
	"source" "decision_source" NOT NULL,
	"cycle_id" uuid,
	"proposal_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_organizationId_code_unique" UNIQUE("organization_id","code")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "directions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "directions_planId_code_unique" UNIQUE("plan_id","code")
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"situation" text,
	"approach" text,
	CONSTRAINT "goals_planId_number_unique" UNIQUE("plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "kpi_values" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kpi_id" uuid NOT NULL,
	"kind" "value_kind" NOT NULL,
	"fiscal_year" integer NOT NULL,
	"year_basis" "year_basis" DEFAULT 'fiscal' NOT NULL,
	"value" numeric NOT NULL,
	"cumulative" boolean DEFAULT false NOT NULL,
	"quality" "value_quality" DEFAULT 'final' NOT NULL,
	"cancelled_reason" text,
	"printed" text,
	"note" text,
	"provenance" "provenance" NOT NULL,
	"source_ref" jsonb,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kpi_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"cumulative" boolean NOT NULL,
	"direction" "kpi_direction" NOT NULL,
	"note" text,
	"data_source_name" text,
	"data_source_lag_months" integer,
	"provenance" "provenance" NOT NULL,
	"effective_fiscal_year" integer,
	"decision_id" bigint,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_versions_kpiId_version_unique" UNIQUE("kpi_id","version")
);
--> statement-breakpoint
CREATE TABLE "kpis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"project_id" uuid,
	"goal_id" uuid,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"cumulative" boolean NOT NULL,
	"direction" "kpi_direction" NOT NULL,
	"note" text,
	"data_source_name" text,
	"data_source_lag_months" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpis_planId_code_unique" UNIQUE("plan_id","code"),
	CONSTRAINT "kpi_owner" CHECK (("kpis"."project_id" is null) <> ("kpis"."goal_id" is null))
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"direction_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"audiences" text[] DEFAULT '{}' NOT NULL,
	"outcomes" text[] DEFAULT '{}' NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measures_planId_number_unique" UNIQUE("plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"period_start_fiscal_year" integer NOT NULL,
	"period_end_fiscal_year" integer NOT NULL,
	"source" text,
	"source_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_organizationId_code_unique" UNIQUE("organization_id","code"),
	CONSTRAINT "plan_period" CHECK ("plans"."period_start_fiscal_year" <= "plans"."period_end_fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "population_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "population_figure_kind" NOT NULL,
	"label" text NOT NULL,
	"year" integer NOT NULL,
	"month" integer,
	"value" integer NOT NULL,
	"printed" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "project_departments" (
	"project_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "project_departments_project_id_department_id_pk" PRIMARY KEY("project_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "project_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" "project_status" NOT NULL,
	"provenance" "provenance" NOT NULL,
	"effective_fiscal_year" integer,
	"decision_id" bigint,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_versions_projectId_version_unique" UNIQUE("project_id","version")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" "project_status" DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_planId_code_unique" UNIQUE("plan_id","code")
);
--> statement-breakpoint
ALTER TABLE "decision_log" ADD CONSTRAINT "decision_log_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_log" ADD CONSTRAINT "decision_log_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directions" ADD CONSTRAINT "directions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directions" ADD CONSTRAINT "directions_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_values" ADD CONSTRAINT "kpi_values_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_versions" ADD CONSTRAINT "kpi_versions_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_direction_id_directions_id_fk" FOREIGN KEY ("direction_id") REFERENCES "public"."directions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_figures" ADD CONSTRAINT "population_figures_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_departments" ADD CONSTRAINT "project_departments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_departments" ADD CONSTRAINT "project_departments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_versions" ADD CONSTRAINT "project_versions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_log_plan_id_fiscal_year_index" ON "decision_log" USING btree ("plan_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "decision_log_subject_id_index" ON "decision_log" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "kpi_values_kpi_id_kind_fiscal_year_id_index" ON "kpi_values" USING btree ("kpi_id","kind","fiscal_year","id");--> statement-breakpoint
CREATE INDEX "kpis_project_id_index" ON "kpis" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_departments_department_id_index" ON "project_departments" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "projects_measure_id_index" ON "projects" USING btree ("measure_id");
CREATE TYPE "public"."email_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."escalation_kind" AS ENUM('task_overdue', 'kpi_behind');--> statement-breakpoint
CREATE TYPE "public"."escalation_level" AS ENUM('department_head', 'strategy_office');--> statement-breakpoint
CREATE TABLE "decision_subscribers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_subscribers_planId_email_unique" UNIQUE("plan_id","email")
);
--> statement-breakpoint
CREATE TABLE "emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reason_key" text NOT NULL,
	"template" text NOT NULL,
	"locale" text DEFAULT 'ja' NOT NULL,
	"to" text[] NOT NULL,
	"cc" text[] DEFAULT '{}' NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"status" "email_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "emails_reasonKey_unique" UNIQUE("reason_key")
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"kind" "escalation_kind" NOT NULL,
	"level" "escalation_level" NOT NULL,
	"department_id" uuid NOT NULL,
	"task_id" uuid,
	"kpi_id" uuid,
	"status" text,
	"notified_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "escalation_once" UNIQUE NULLS NOT DISTINCT("kind","level","cycle_id","department_id","task_id","kpi_id")
);
--> statement-breakpoint
CREATE TABLE "review_calendars" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"collection_opens" text DEFAULT '05-01' NOT NULL,
	"due_on" text DEFAULT '06-30' NOT NULL,
	"remind_days_before" integer[] DEFAULT '{14,3}' NOT NULL,
	"remind_on_due_day" boolean DEFAULT true NOT NULL,
	"overdue_every_days" integer DEFAULT 7 NOT NULL,
	"escalate_to_head_after_days" integer DEFAULT 7 NOT NULL,
	"escalate_to_office_after_days" integer DEFAULT 14 NOT NULL,
	"daily_run_at" text DEFAULT '09:00' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "head_delegated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_subscribers" ADD CONSTRAINT "decision_subscribers_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_cycle_id_review_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."review_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_task_id_review_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."review_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_calendars" ADD CONSTRAINT "review_calendars_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emails_status_index" ON "emails" USING btree ("status");--> statement-breakpoint
CREATE INDEX "emails_created_at_index" ON "emails" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "escalations_created_at_index" ON "escalations" USING btree ("created_at");
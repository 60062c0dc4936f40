-- Plans get a status: drafts are written in the editor (services/plans/editor/), adopted plans are in force.
-- Every plan before this was imported and is in force: adopted, with no adoption date (none is made up).
-- An out-of-review amendment (改訂) of an adopted plan is logged with its own decision source.
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'adopted');--> statement-breakpoint
ALTER TYPE "public"."decision_source" ADD VALUE 'amendment';--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "status" "plan_status" DEFAULT 'adopted' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "adopted_on" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "adopted_by" uuid;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "draft" jsonb;
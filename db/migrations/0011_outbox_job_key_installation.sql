CREATE TABLE "installation" (
	"only" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "installation_single_row" CHECK ("installation"."only")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "job_key" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_jobKey_unique" UNIQUE("job_key");--> statement-breakpoint
-- The install's id, made once here: the default queue prefix is derived from it (services/boot.ts).
INSERT INTO "installation" DEFAULT VALUES;

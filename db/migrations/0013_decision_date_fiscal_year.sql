-- The document's own decisions (the FY2022 mid-term revision) are dated by the print only to
-- their fiscal year (令和4年度): they carry no day, instead of the moment of the import.
ALTER TABLE "decision_log" ALTER COLUMN "decided_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_log" DISABLE TRIGGER "decision_log_append_only";--> statement-breakpoint
UPDATE "decision_log" SET "decided_at" = NULL WHERE "source" = 'document';--> statement-breakpoint
ALTER TABLE "decision_log" ENABLE TRIGGER "decision_log_append_only";

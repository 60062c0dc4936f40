-- The document's own decisions (the FY2022 mid-term revision) are dated by the print only to
-- their fiscal year (令和4年度): they carry no day, instead of the moment of the import.
ALTER TABLE "decision_log" ALTER COLUMN "decided_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_log" DISABLE TRIGGER "decision_log_append_only";--> statement-breakpoint
UPDATE "decision_log" SET "decided_at" = NULL WHERE "source" = 'document';--> statement-breakpoint
ALTER TABLE "decision_log" ENABLE TRIGGER "decision_log_append_only";
--> statement-breakpoint
-- When a late statistic is published is the city's setting, not plan data: lags recorded on KPIs
-- move to their plan's orient_settings.publicationLags (keyed by KPI code), and leave the KPI.
UPDATE "plans" p SET "orient_settings" = coalesce(p."orient_settings", '{}'::jsonb) || jsonb_build_object('publicationLags',
  coalesce(p."orient_settings"->'publicationLags', '{}'::jsonb) || (
    SELECT jsonb_object_agg(k."code", jsonb_strip_nulls(jsonb_build_object('monthsAfterYearEnd', k."data_source_lag_months", 'source', k."data_source_name")))
    FROM "kpis" k WHERE k."plan_id" = p."id" AND k."data_source_lag_months" IS NOT NULL))
WHERE EXISTS (SELECT 1 FROM "kpis" k WHERE k."plan_id" = p."id" AND k."data_source_lag_months" IS NOT NULL);--> statement-breakpoint
UPDATE "kpis" SET "data_source_lag_months" = NULL WHERE "data_source_lag_months" IS NOT NULL;

ALTER TABLE "kpis" ADD COLUMN "predecessor_kpi_id" uuid;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "predecessor_measure_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "predecessor_project_id" uuid;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_predecessor_kpi_id_kpis_id_fk" FOREIGN KEY ("predecessor_kpi_id") REFERENCES "public"."kpis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_predecessor_measure_id_measures_id_fk" FOREIGN KEY ("predecessor_measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_predecessor_project_id_projects_id_fk" FOREIGN KEY ("predecessor_project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;
-- A plan's content version keys its cached dashboard (services/orient/dashboard-cache.ts). It
-- is bumped here, by the database, in the same transaction as any write to a table the
-- dashboard reads (services/orient/plan-dashboard.ts → load-plan-tree.ts, target-history.ts,
-- vocabulary.ts), so no writer can forget it. The notice on `cityplan_changes` (the channel of
-- services/cache/changes.ts) reaches every API process at commit, and only if it commits.
-- Statement-level triggers with transition tables: a bulk import bumps once per statement,
-- not once per row.
CREATE FUNCTION bump_plan_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text := CASE TG_OP
    WHEN 'INSERT' THEN 'select * from new_rows'
    WHEN 'DELETE' THEN 'select * from old_rows'
    ELSE 'select * from new_rows union all select * from old_rows'
  END;
  plan_ids uuid[];
BEGIN
  -- TG_ARGV[0]: how a row of this table leads to its plan(s).
  EXECUTE format(CASE TG_ARGV[0]
    WHEN 'plan_id' THEN 'select array_agg(distinct r.plan_id) from (%s) r'
    WHEN 'kpi_id' THEN 'select array_agg(distinct k.plan_id) from (%s) r join kpis k on k.id = r.kpi_id'
    WHEN 'project_id' THEN 'select array_agg(distinct p.plan_id) from (%s) r join projects p on p.id = r.project_id'
    WHEN 'organization_id' THEN 'select array_agg(distinct p.id) from (%s) r join plans p on p.organization_id = r.organization_id'
    WHEN 'organization' THEN 'select array_agg(distinct p.id) from (%s) r join plans p on p.organization_id = r.id'
  END, touched) INTO plan_ids;
  IF plan_ids IS NOT NULL THEN
    UPDATE plans SET content_version = content_version + 1 WHERE id = ANY (plan_ids);
    PERFORM pg_notify('cityplan_changes', 'plan:' || id) FROM unnest(plan_ids) AS id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A change to the plan row itself (name, thresholds, publication lags) is a change of content too,
-- unless the change is the bump.
CREATE FUNCTION plan_row_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.content_version = OLD.content_version AND NEW IS DISTINCT FROM OLD THEN
    NEW.content_version := OLD.content_version + 1;
    PERFORM pg_notify('cityplan_changes', 'plan:' || NEW.id);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plans_content_version BEFORE UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION plan_row_content_changed();
--> statement-breakpoint
-- One trigger per table and operation: PostgreSQL allows transition tables on single-event triggers only.
DO $$
DECLARE
  covered text[][] := ARRAY[
    ['goals', 'plan_id'], ['directions', 'plan_id'], ['measures', 'plan_id'], ['projects', 'plan_id'],
    ['kpis', 'plan_id'], ['decision_log', 'plan_id'], ['population_figures', 'plan_id'],
    ['kpi_values', 'kpi_id'], ['kpi_versions', 'kpi_id'],
    ['project_versions', 'project_id'], ['project_departments', 'project_id'],
    ['departments', 'organization_id'], ['organizations', 'organization']
  ];
  i int;
BEGIN
  FOR i IN 1 .. array_length(covered, 1) LOOP
    EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_content_version(%3$L)',
      covered[i][1] || '_content_version_insert', covered[i][1], covered[i][2]);
    EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE ON %2$I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_content_version(%3$L)',
      covered[i][1] || '_content_version_update', covered[i][1], covered[i][2]);
    EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_content_version(%3$L)',
      covered[i][1] || '_content_version_delete', covered[i][1], covered[i][2]);
  END LOOP;
END;
$$;

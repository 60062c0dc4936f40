-- Staff pages about reviews (the OODA board, a cycle's page, マイタスク) are cached per
-- organization (services/cache/fragments.ts). Any write to a table they read announces
-- `reviews:<organization id>` on `cityplan_changes` (services/cache/changes.ts), from the
-- database, in the writing transaction, whoever the writer: PostgreSQL delivers it at commit,
-- and only if it commits. No counter is kept, so concurrent reviews never wait on one row.
-- Statement-level triggers with transition tables: opening a year notifies once per statement.
CREATE FUNCTION announce_review_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text := CASE TG_OP
    WHEN 'INSERT' THEN 'select * from new_rows'
    WHEN 'DELETE' THEN 'select * from old_rows'
    ELSE 'select * from new_rows union all select * from old_rows'
  END;
  organization_ids uuid[];
BEGIN
  -- TG_ARGV[0]: how a row of this table leads to its organization.
  EXECUTE format(CASE TG_ARGV[0]
    WHEN 'organization_id' THEN 'select array_agg(distinct r.organization_id) from (%s) r'
    WHEN 'organization' THEN 'select array_agg(distinct r.id) from (%s) r'
    WHEN 'plan_id' THEN 'select array_agg(distinct p.organization_id) from (%s) r join plans p on p.id = r.plan_id'
    WHEN 'cycle_id' THEN 'select array_agg(distinct c.organization_id) from (%s) r join review_cycles c on c.id = r.cycle_id'
    WHEN 'task_id' THEN 'select array_agg(distinct c.organization_id) from (%s) r join review_tasks t on t.id = r.task_id join review_cycles c on c.id = t.cycle_id'
  END, touched) INTO organization_ids;
  PERFORM pg_notify('cityplan_changes', 'reviews:' || id) FROM unnest(organization_ids) AS id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A plan added or removed changes every page's menu (its current plan); content changes are
-- announced by the content-version trigger (0017).
CREATE FUNCTION announce_plan_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('cityplan_changes', 'plan:' || r.id) FROM new_rows r;
  ELSE
    PERFORM pg_notify('cityplan_changes', 'plan:' || r.id) FROM old_rows r;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plans_announce_insert AFTER INSERT ON plans REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_plan_rows();
--> statement-breakpoint
CREATE TRIGGER plans_announce_delete AFTER DELETE ON plans REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_plan_rows();
--> statement-breakpoint
DO $$
DECLARE
  covered text[][] := ARRAY[
    ['review_cycles', 'organization_id'], ['review_tasks', 'cycle_id'], ['task_submissions', 'task_id'],
    ['kpi_explanations', 'cycle_id'], ['project_assessments', 'cycle_id'], ['proposals', 'cycle_id'],
    ['action_items', 'cycle_id'], ['review_events', 'cycle_id'], ['review_calendars', 'plan_id'],
    -- Names and words every page shows (its menu too), also in an organization with no plan yet.
    ['users', 'organization_id'], ['departments', 'organization_id'], ['organizations', 'organization']
  ];
  i int;
BEGIN
  FOR i IN 1 .. array_length(covered, 1) LOOP
    EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_review_change(%3$L)',
      covered[i][1] || '_review_change_insert', covered[i][1], covered[i][2]);
    EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE ON %2$I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_review_change(%3$L)',
      covered[i][1] || '_review_change_update', covered[i][1], covered[i][2]);
    EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_review_change(%3$L)',
      covered[i][1] || '_review_change_delete', covered[i][1], covered[i][2]);
  END LOOP;
END;
$$;

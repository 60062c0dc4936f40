-- Staff pages about reviews (the OODA board, a cycle's page, マイタスク) are cached per
-- organization (services/cache/fragments.ts). Any write to a table they read announces
-- `reviews:<organization id>` on `cityplan_changes` (services/cache/changes.ts), from the
-- database, in the writing transaction, whoever the writer: PostgreSQL delivers it at commit,
-- and only if it commits. No counter is kept, so concurrent reviews never wait on one row.
-- Statement-level triggers with transition tables: opening a year notifies once per statement.
CREATE FUNCTION announce_review_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  organization_ids uuid[];
BEGIN
  -- TG_ARGV[0]: how a row of this table leads to its organization. Static queries, not EXECUTE:
  -- PL/pgSQL compiles the function once per table and keeps each query's plan, which a review
  -- transition (an update and an event) would otherwise plan afresh every time.
  CASE TG_ARGV[0]
  WHEN 'organization_id' THEN
    IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT r.organization_id) INTO organization_ids FROM new_rows r;
    ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(DISTINCT r.organization_id) INTO organization_ids FROM old_rows r;
    ELSE SELECT array_agg(DISTINCT r.organization_id) INTO organization_ids FROM (SELECT organization_id FROM new_rows UNION ALL SELECT organization_id FROM old_rows) r;
    END IF;
  WHEN 'organization' THEN
    IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT r.id) INTO organization_ids FROM new_rows r;
    ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(DISTINCT r.id) INTO organization_ids FROM old_rows r;
    ELSE SELECT array_agg(DISTINCT r.id) INTO organization_ids FROM (SELECT id FROM new_rows UNION ALL SELECT id FROM old_rows) r;
    END IF;
  -- The parents are looked up by key (= ANY of an array): a join with a transition table, whose
  -- size the planner cannot know, was planned as a hash join over all of review_cycles (54 ms a
  -- statement at 33,000 cycles, against 0.6 ms).
  WHEN 'plan_id' THEN
    IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT p.organization_id) INTO organization_ids FROM plans p WHERE p.id = ANY (ARRAY(SELECT plan_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(DISTINCT p.organization_id) INTO organization_ids FROM plans p WHERE p.id = ANY (ARRAY(SELECT plan_id FROM old_rows));
    ELSE SELECT array_agg(DISTINCT p.organization_id) INTO organization_ids FROM plans p WHERE p.id = ANY (ARRAY(SELECT plan_id FROM new_rows UNION SELECT plan_id FROM old_rows));
    END IF;
  WHEN 'cycle_id' THEN
    IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT c.organization_id) INTO organization_ids FROM review_cycles c WHERE c.id = ANY (ARRAY(SELECT cycle_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(DISTINCT c.organization_id) INTO organization_ids FROM review_cycles c WHERE c.id = ANY (ARRAY(SELECT cycle_id FROM old_rows));
    ELSE SELECT array_agg(DISTINCT c.organization_id) INTO organization_ids FROM review_cycles c WHERE c.id = ANY (ARRAY(SELECT cycle_id FROM new_rows UNION SELECT cycle_id FROM old_rows));
    END IF;
  WHEN 'task_id' THEN
    IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT c.organization_id) INTO organization_ids FROM review_cycles c WHERE c.id = ANY (ARRAY(SELECT t.cycle_id FROM review_tasks t WHERE t.id = ANY (ARRAY(SELECT task_id FROM new_rows))));
    ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(DISTINCT c.organization_id) INTO organization_ids FROM review_cycles c WHERE c.id = ANY (ARRAY(SELECT t.cycle_id FROM review_tasks t WHERE t.id = ANY (ARRAY(SELECT task_id FROM old_rows))));
    ELSE SELECT array_agg(DISTINCT c.organization_id) INTO organization_ids FROM review_cycles c WHERE c.id = ANY (ARRAY(SELECT t.cycle_id FROM review_tasks t WHERE t.id = ANY (ARRAY(SELECT task_id FROM new_rows UNION SELECT task_id FROM old_rows))));
    END IF;
  END CASE;
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

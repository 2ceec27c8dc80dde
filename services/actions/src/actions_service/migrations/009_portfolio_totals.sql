-- The read models the Actions portfolio figures come from mark the Action they touch (core migration 011,
-- service_core.portfolio_totals): the whole-programme dashboard folds only those Actions into its totals.
DROP TRIGGER IF EXISTS portfolio_mark ON action_view;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OR DELETE ON action_view
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('action', 'id');
DROP TRIGGER IF EXISTS portfolio_mark ON activity_view;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OF action_id, activity_type, status OR DELETE ON activity_view
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('action', 'action_id');
DROP TRIGGER IF EXISTS portfolio_mark ON deliverable_view;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OF action_id, kind, status OR DELETE ON deliverable_view
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('action', 'action_id');
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['action_view', 'activity_view', 'deliverable_view'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS portfolio_mark_all ON %I', t);
        EXECUTE format('CREATE TRIGGER portfolio_mark_all AFTER TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION mieux_portfolio_mark()', t);
    END LOOP;
END
$$;
INSERT INTO portfolio_dirty (kind, key) VALUES ('*', '*') ON CONFLICT DO NOTHING;  -- rows written before this

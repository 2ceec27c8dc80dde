-- The read models the portfolio figures come from mark the activities and Actions they touch (core migration
-- 011, service_core.portfolio_totals): the dashboard folds only those into its totals.
DROP TRIGGER IF EXISTS portfolio_mark ON participant_response;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OR DELETE ON participant_response
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('activity', 'activity_id', 'action', 'action_id');
DROP TRIGGER IF EXISTS portfolio_mark ON action_feedback;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OR DELETE ON action_feedback
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('action', 'action_id');
DROP TRIGGER IF EXISTS portfolio_mark ON activity_ref;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OR DELETE ON activity_ref
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('activity', 'activity_id', 'action', 'action_id');
DROP TRIGGER IF EXISTS portfolio_mark ON action_ref;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OR DELETE ON action_ref
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('action', 'action_id');
DROP TRIGGER IF EXISTS portfolio_mark ON deployment_ref;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OR DELETE ON deployment_ref
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('action', 'action_id');
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['participant_response', 'action_feedback', 'activity_ref', 'action_ref', 'deployment_ref'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS portfolio_mark_all ON %I', t);
        EXECUTE format('CREATE TRIGGER portfolio_mark_all AFTER TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION mieux_portfolio_mark()', t);
    END LOOP;
END
$$;

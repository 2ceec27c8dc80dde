-- The read models the portfolio figures come from mark the experts and Actions they touch (core migration
-- 011, service_core.portfolio_totals): the dashboard folds only those into its totals.
DROP TRIGGER IF EXISTS portfolio_mark ON expert_view;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OF category, member_state OR DELETE ON expert_view
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('expert', 'id');
DROP TRIGGER IF EXISTS portfolio_mark ON deployment_view;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OF status, expert_id, action_id, category, nationality, member_state
    OR DELETE ON deployment_view
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('expert', 'expert_id', 'action', 'action_id');
DROP TRIGGER IF EXISTS portfolio_mark ON known_action;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OF countries OR DELETE ON known_action
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('action', 'action_id');
DROP TRIGGER IF EXISTS portfolio_mark ON known_activity;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OF countries, action_id OR DELETE ON known_activity
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('action', 'action_id');
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['expert_view', 'deployment_view', 'known_action', 'known_activity'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS portfolio_mark_all ON %I', t);
        EXECUTE format('CREATE TRIGGER portfolio_mark_all AFTER TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION mieux_portfolio_mark()', t);
    END LOOP;
END
$$;

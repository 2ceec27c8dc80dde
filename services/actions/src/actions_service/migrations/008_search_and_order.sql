-- Text search and orders of the Action list (`GET /actions?search=&order_by=`, service_core.paging).
-- The search document: the code (`2016-07`), label, topic, regional organisation, the Fiche's objective,
-- the summaries of lessons and outcomes, the topics of the catalogue (`victim_identification`) and country codes.
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS search_document tsvector GENERATED ALWAYS AS (
    mieux_search_document(ARRAY[
        code, label, topic, regional_organisation, fiche->>'objective',
        mieux_json_texts(lessons, '$[*].summary'), mieux_json_texts(outcomes, '$[*].summary')] || topics || countries)
) STORED;
CREATE INDEX IF NOT EXISTS action_view_search ON action_view USING gin (search_document);
-- the orders besides the approval date (action_view_paging): each key, then id; an Action not launched or
-- not completed sorts last (service_core.paging.SortKey: -infinity descending, the dashboards' way)
CREATE INDEX IF NOT EXISTS action_view_received_order ON action_view (received_on, id);
CREATE INDEX IF NOT EXISTS action_view_launched_order ON action_view (coalesce(launched_on, '-infinity'::date) DESC, id DESC);
CREATE INDEX IF NOT EXISTS action_view_completed_order ON action_view (coalesce(completed_on, '-infinity'::date) DESC, id DESC);
CREATE INDEX IF NOT EXISTS action_view_updated_order ON action_view (updated_at, id);
CREATE INDEX IF NOT EXISTS action_view_region_order ON action_view (region, id);
CREATE INDEX IF NOT EXISTS action_view_status_order ON action_view (status, id);

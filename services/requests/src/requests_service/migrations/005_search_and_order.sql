-- Text search and orders of the request list (`GET /requests?search=&order_by=`, service_core.paging).
-- The search document: the external reference, the requesting and co-requesting institutions (names and
-- acronyms), the regional organisation, topic, description and country codes; never a focal point's data.
ALTER TABLE request_view ADD COLUMN IF NOT EXISTS search_document tsvector GENERATED ALWAYS AS (
    mieux_search_document(ARRAY[
        external_reference, authority->>'name', authority->>'acronym',
        mieux_json_texts(co_requesters, '$[*].name'),
        mieux_json_texts(co_requesters, '$[*].acronym'),
        regional_organisation, topic, description] || countries)
) STORED;
CREATE INDEX IF NOT EXISTS request_view_search ON request_view USING gin (search_document);
-- the orders besides the received date (request_view_paging): each key, then id
CREATE INDEX IF NOT EXISTS request_view_submitted_order ON request_view (submitted_at, id);
CREATE INDEX IF NOT EXISTS request_view_updated_order ON request_view (updated_at, id);
CREATE INDEX IF NOT EXISTS request_view_region_order ON request_view (region, id);
CREATE INDEX IF NOT EXISTS request_view_status_order ON request_view (status, id);

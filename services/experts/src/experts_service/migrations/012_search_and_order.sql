-- Text search and orders of the roster (`GET /experts?search=&order_by=`, service_core.paging).
-- What a search finds experts by is personal data (the name, organisation and CV text), so its document is
-- kept with it, in expert_personal_data: never published, gone with the data when it is erased, and searched
-- only for those who may read it (experts_service.application.access: PERSONAL_DATA_HIDDEN for the others).
ALTER TABLE expert_personal_data ADD COLUMN IF NOT EXISTS search_document tsvector GENERATED ALWAYS AS (
    mieux_search_document(ARRAY[full_name, organisation, cv_text])
) STORED;
CREATE INDEX IF NOT EXISTS expert_personal_data_search ON expert_personal_data USING gin (search_document);
-- the orders besides the registration date (expert_view_paging): each key, then id; no score sorts last
CREATE INDEX IF NOT EXISTS expert_view_updated_order ON expert_view (updated_at, id);
CREATE INDEX IF NOT EXISTS expert_view_score_order
    ON expert_view (coalesce(average_score, '-infinity'::numeric) DESC, id DESC);
CREATE INDEX IF NOT EXISTS expert_view_completed_order ON expert_view (deployments_completed, id);

-- The authority register: an id issued once per institution, found again by country (or organisation) and
-- matching name, or by an external identifier. Not a projection: a rebuild keeps it.
CREATE TABLE IF NOT EXISTS authority (
    authority_id    text        PRIMARY KEY,
    lookup_key      text        NOT NULL UNIQUE,  -- `<COUNTRY or ORGANISATION>|<matching name>`
    identifier      text        UNIQUE,           -- an external identifier, when the submitter gave one
    name            text        NOT NULL,         -- as registered (NFC)
    acronym         text,
    type            text        NOT NULL,
    country         text,
    registered_at   timestamptz NOT NULL DEFAULT now()
);

-- Ids issued before the register (slugs of country and acronym or name) are recorded with the first name
-- each was submitted under, so they keep working; a later spelling that shares no key gets its own id.
-- The matching name is computed as `domain.authorities.matching_name` does (NFKC, no format characters,
-- whitespace collapsed, lower case).
INSERT INTO authority (authority_id, lookup_key, name, acronym, type, country)
SELECT DISTINCT ON (a.value->>'authority_id')
       a.value->>'authority_id',
       upper(coalesce(a.value->>'country', e.data->>'regional_organisation', '')) || '|' ||
       lower(btrim(regexp_replace(
           regexp_replace(normalize(a.value->>'name', NFKC), '[\u00AD\u0600-\u0605\u061C\u06DD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]', '', 'g'),
           '\s+', ' ', 'g'))),
       a.value->>'name', a.value->>'acronym', a.value->>'type', a.value->>'country'
FROM events e,
     LATERAL jsonb_array_elements(jsonb_build_array(e.data->'authority') || coalesce(e.data->'co_requesters', '[]'::jsonb))
         WITH ORDINALITY AS a(value, ord)
WHERE e.event_name = 'RequestSubmitted'
ORDER BY a.value->>'authority_id', e.position, a.ord
ON CONFLICT DO NOTHING;

-- Idempotency references are scoped to the submitter (its authority, its region, or the programme), so two
-- parties may use the same reference: it is no longer unique across the programme.
ALTER TABLE request_view DROP CONSTRAINT IF EXISTS request_view_external_reference_key;
CREATE INDEX IF NOT EXISTS request_view_external_reference ON request_view (external_reference);


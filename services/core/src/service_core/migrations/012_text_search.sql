-- Text search of the read models (service_core.paging.text_search): word prefixes, accents and case folded.
-- No extension is needed (`unaccent` is not in every PostgreSQL, the embedded one included): accents are
-- stripped by Unicode decomposition (NFKD, which also unfolds ligatures and full-width forms) and removal of
-- the combining marks; the few letters that do not decompose are mapped by hand. IMMUTABLE, so a service
-- can index a generated column or an expression built with them.
CREATE OR REPLACE FUNCTION mieux_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN replace(replace(replace(replace(translate(
           regexp_replace(normalize(lower(value), NFKD),
                          '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g'),
           'łøđħıŧŀ', 'lodhitl'),
       'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th');

-- The search document of some texts: their folded words. ASCII punctuation separates words (so `2016-07`,
-- `EASO_TRAINER` or `a.b@c.org` are words of their parts, as a search for them is split), NULLs are skipped.
CREATE OR REPLACE FUNCTION mieux_search_document(parts text[]) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN to_tsvector('simple'::regconfig,
                   regexp_replace(mieux_fold(coalesce(array_to_string(parts, ' '), '')), '[!-/:-@[-`{-~]', ' ', 'g'));

-- The texts a JSON document holds at a path (`'$[*].name'`), one after the other: to put the names of a list
-- of institutions, or the summaries of lessons, in a search document (the `::text` of the JSON would glue an
-- escaped line break to the next word).
CREATE OR REPLACE FUNCTION mieux_json_texts(value jsonb, path jsonpath) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (SELECT string_agg(found #>> '{}', ' ') FROM jsonb_path_query(value, path) AS found);

-- The query of a search: every word of it, each as a prefix (`'word':*`), all of them (`&`). Its words are
-- found exactly as the documents' are, so no input can be a malformed tsquery; NULL for a text without words
-- (it matches nothing).
CREATE OR REPLACE FUNCTION mieux_search_query(value text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (SELECT string_agg('''' || lexeme || ''':*', ' & ')::tsquery
        FROM unnest(mieux_search_document(ARRAY[value])) AS words(lexeme, positions, weights));

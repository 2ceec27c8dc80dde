-- Portfolio figures kept current instead of recomputed over every row on every call (service_core.
-- portfolio_totals). A service's migration puts `mieux_portfolio_mark` on the read models its figures come
-- from: every row written marks its keys (an expert, an activity, an Action) dirty in the same transaction.
-- A dashboard call folds only the dirty keys: their contributions (`portfolio_part`) are computed again and
-- the totals (`portfolio_total`) moved by the difference. A truncated read model (a rebuild) marks '*':
-- everything is computed again once.
CREATE TABLE IF NOT EXISTS portfolio_dirty (
    kind text NOT NULL,
    key  text NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE TABLE IF NOT EXISTS portfolio_part (
    part   text  NOT NULL,
    key    text  NOT NULL,
    counts jsonb NOT NULL,  -- {"figure": n, ...}: what this key adds to the part's totals
    PRIMARY KEY (part, key)
);
CREATE TABLE IF NOT EXISTS portfolio_total (
    part   text  PRIMARY KEY,
    counts jsonb NOT NULL
);
INSERT INTO portfolio_dirty (kind, key) VALUES ('*', '*') ON CONFLICT DO NOTHING;  -- rows written before this

-- Trigger arguments: pairs of (kind, column); the old and the new row's values of each column are marked.
CREATE OR REPLACE FUNCTION mieux_portfolio_mark() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    found jsonb;
    i int;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO portfolio_dirty (kind, key) VALUES ('*', '*') ON CONFLICT DO NOTHING;
        RETURN NULL;
    END IF;
    FOREACH found IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
                                 CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END] LOOP
        CONTINUE WHEN found IS NULL;
        i := 0;
        WHILE i < TG_NARGS LOOP
            IF found ->> TG_ARGV[i + 1] IS NOT NULL THEN
                INSERT INTO portfolio_dirty (kind, key) VALUES (TG_ARGV[i], found ->> TG_ARGV[i + 1])
                ON CONFLICT DO NOTHING;
            END IF;
            i := i + 2;
        END LOOP;
    END LOOP;
    RETURN NULL;
END
$$;

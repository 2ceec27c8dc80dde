-- Where each received event came from and its position there: a consistency token ("requests at position
-- 120") is caught up here once the inbox holds that position of that source.
ALTER TABLE inbox ADD COLUMN IF NOT EXISTS source text;
ALTER TABLE inbox ADD COLUMN IF NOT EXISTS source_position bigint;
CREATE INDEX IF NOT EXISTS inbox_source_position ON inbox (consumer, source, source_position);

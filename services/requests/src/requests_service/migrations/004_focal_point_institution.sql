-- R23: the institution (requesting or co-requesting authority) a focal point belongs to.
ALTER TABLE request_focal_points ADD COLUMN IF NOT EXISTS authority_id text;

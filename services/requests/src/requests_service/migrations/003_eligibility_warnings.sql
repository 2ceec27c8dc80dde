-- R01/R31: a country or organisation outside the declared region is a warning, kept with the request.
ALTER TABLE request_view ADD COLUMN IF NOT EXISTS eligibility_warnings jsonb NOT NULL DEFAULT '[]'::jsonb;

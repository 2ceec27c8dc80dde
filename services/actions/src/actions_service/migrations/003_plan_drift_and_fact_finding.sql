-- R07 and R28 warnings: what the Action's activities say against its Fiche and the usual fact-finding week.
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS unmodified_activity_types text[] NOT NULL DEFAULT '{}';
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS fact_finding_days integer;

-- existing rows: the same figures the projection keeps from now on
UPDATE action_view v SET
    unmodified_activity_types = ARRAY(SELECT a.activity_type FROM activity_view a
                                      WHERE a.action_id = v.id AND a.status <> 'CANCELLED'
                                        AND a.modifications = '[]'::jsonb ORDER BY a.starts_on, a.sequence),
    fact_finding_days = (SELECT max(coalesce(a.held_to, a.ends_on) - coalesce(a.held_from, a.starts_on) + 1)
                         FROM activity_view a WHERE a.action_id = v.id AND a.status <> 'CANCELLED'
                           AND a.activity_type = 'FACT_FINDING_MISSION');

-- The relay is woken the moment events commit instead of polling for them: every statement that inserts
-- events notifies `mieux_events` (delivered at commit, one per transaction: PostgreSQL folds repeats). A
-- notification is only a hint; the relay still reads from its checkpoint and polls now and then, so a
-- lost one delays an event, never loses it.
CREATE OR REPLACE FUNCTION mieux_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mieux_events', '');
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS events_notify ON events;
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION mieux_notify_events();

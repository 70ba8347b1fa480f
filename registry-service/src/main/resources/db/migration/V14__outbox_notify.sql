-- Issue #15: the outbox relay wakes on commit. Every statement that adds outbox rows queues one notification on
-- channel izone_outbox; PostgreSQL delivers it to the listening relays when, and only if, the transaction commits
-- (a rolled-back change wakes nobody), and folds the notifications of one transaction into one (same channel, same
-- empty payload). The relay (events/OutboxRelay) LISTENs on its own connection and keeps polling as the fallback.
CREATE FUNCTION outbox_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('izone_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify
    AFTER INSERT ON outbox_event
    FOR EACH STATEMENT
EXECUTE FUNCTION outbox_notify();

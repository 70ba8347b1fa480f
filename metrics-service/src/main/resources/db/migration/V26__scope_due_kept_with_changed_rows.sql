-- Issue #13: a publishing round read each due scope whole (GROUP BY over every shard row: ~1,000 figures × shards for
-- the country) although a change moves a few figures: in the bench's live phases those reads were nearly all of
-- PostgreSQL's time (pg_stat_statements, 2026-12-02). A scope's marks now stay, and say what is behind:
--  * published: the version last sent; a mark is due while version > published (it was deleted when published).
--  * changed: the rows (figures, 'period-row:<period>') the applying transactions changed since the publisher last
--    read them, appended in commit order; the publisher re-reads only those (sums kept in memory, aggregates/
--    SumsCache) and drops the part it read once it has published. NULL: not known (never logged, overflowed, or
--    everything after a rebuild) - read the scope whole.
ALTER TABLE scope_due ADD COLUMN published bigint NOT NULL DEFAULT 0;
ALTER TABLE scope_due ADD COLUMN changed text[];
-- the queue's reads only ever look at due marks
DROP INDEX scope_due_marked;
CREATE INDEX scope_due_waiting ON scope_due (marked_at) WHERE version > published;
-- A round re-reads a named row summed over the scope's shards: one index range over (scope, row) instead of a probe
-- per shard (up to ~30 a scope; probing each took 538 ms a call in the national catch-up). Only rows' values change in
-- place, so these indexes keep the updates HOT; they cost an entry when a row is first written.
CREATE INDEX scope_value_by_figure ON scope_value (scope_key, figure);
CREATE INDEX scope_period_by_period ON scope_period (scope_key, period);

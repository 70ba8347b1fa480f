-- A scope's latest snapshot is its history row at the latest computed_at: each snapshot's JSON is stored once, not
-- twice. Storing it twice was most of reporting's PostgreSQL work on the live path (docs/performance.md, session 15).

-- The history keyed by what identifies a snapshot (the id was read by nothing; one index and a sequence less per row).
ALTER TABLE indicator_history DROP COLUMN id;
ALTER TABLE indicator_history DROP CONSTRAINT indicator_history_scope_key_computed_at_key;
ALTER TABLE indicator_history ADD PRIMARY KEY (scope_key, computed_at);

-- What boards read today stays what they read: a latest JSON the history holds differently (the same computed_at,
-- a later payload) replaces the history's copy.
INSERT INTO indicator_history (scope_key, computed_at, payload)
SELECT scope_key, computed_at, payload FROM indicator_snapshot
ON CONFLICT (scope_key, computed_at) DO UPDATE SET payload = EXCLUDED.payload;

ALTER TABLE indicator_snapshot DROP COLUMN payload;
-- The latest can never point at a snapshot the history does not hold (nor can one be pruned from under it).
ALTER TABLE indicator_snapshot ADD CONSTRAINT indicator_snapshot_in_history
    FOREIGN KEY (scope_key, computed_at) REFERENCES indicator_history (scope_key, computed_at);
-- Small rows rewritten at every snapshot: room on their own page for the new version (a HOT update: no index entry).
ALTER TABLE indicator_snapshot SET (fillfactor = 50);

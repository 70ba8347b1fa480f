-- Issue #13: the lane above zones keeps each scope's sums per shard and reads again only the shards whose mark's
-- version moved (aggregates/SumsCache). The logs of changed rows (V26), which told it which rows to read again, and
-- the indexes those reads used are no longer read.
ALTER TABLE scope_due DROP COLUMN changed;
DROP INDEX scope_value_by_figure;
DROP INDEX scope_period_by_period;
-- Every (scope, shard) that holds rows has a mark, which its writers bump: rows folded in before marks were kept
-- (V21, V25) get one, not due.
INSERT INTO scope_due (scope_key, shard, version, published, marked_at)
SELECT scope_key, shard, 1, 1, now()
FROM (SELECT scope_key, shard FROM scope_value UNION SELECT scope_key, shard FROM scope_period) AS held
ON CONFLICT (scope_key, shard) DO NOTHING;

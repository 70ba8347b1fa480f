-- Issue #13, measured: a scope's sums as one jsonb document per shard made every batch rewrite whole documents
-- (the national scope's report shard holds ~300 period figures) and every publishing round parse them all again
-- (up to 47 s a round in the loaded bench of 2026-12-02). One row per (scope, shard, figure) instead: a batch
-- upserts only the figures its changes moved (a project change: a few per scope), and a read is one GROUP BY
-- over the scope's rows, summed exactly (numeric) by PostgreSQL.
CREATE TABLE scope_value (
    scope_key  varchar(120) NOT NULL,
    shard      integer      NOT NULL,
    figure     text         NOT NULL,
    value      numeric      NOT NULL,
    PRIMARY KEY (scope_key, shard, figure)
);

INSERT INTO scope_value (scope_key, shard, figure, value)
SELECT t.scope_key, t.shard, e.key, e.value::numeric
FROM scope_total t CROSS JOIN LATERAL jsonb_each_text(t.sums) AS e(key, value)
WHERE e.value::numeric <> 0;

DROP TABLE scope_total;

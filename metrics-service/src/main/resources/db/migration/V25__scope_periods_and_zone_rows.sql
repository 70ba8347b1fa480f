-- Issue #13, measured (pg_stat_statements, national catch-up and rebuild): the scope fold's upsert was the largest
-- cost in PostgreSQL, ~19 rows per applied event, nearly all of them the twelve figures of a report's period in each
-- of the seven scopes above its zone; and every zone change rewrote the zone's whole sums, a ~13 KB jsonb document
-- (TOASTed, compressed again on every update: 1 ms an update in the freshness phases).
--  1. A period's twelve figures are one row with a column each (scope_period): a report moves one row per scope.
--  2. A zone's own sums are rows like any scope's (scope_value, scope_period; shard 0, written only under the zone's
--     lock), so a change writes the figures it moved; zone_figures keeps the lock and the scopes above the zone.
CREATE TABLE scope_period (
    scope_key         varchar(120) NOT NULL,
    shard             integer      NOT NULL,
    period            text         NOT NULL,
    reports           numeric      NOT NULL DEFAULT 0,
    revenue           numeric      NOT NULL DEFAULT 0,
    revenue_n         numeric      NOT NULL DEFAULT 0,
    export            numeric      NOT NULL DEFAULT 0,
    export_n          numeric      NOT NULL DEFAULT 0,
    budget            numeric      NOT NULL DEFAULT 0,
    budget_n          numeric      NOT NULL DEFAULT 0,
    workers           numeric      NOT NULL DEFAULT 0,
    workers_n         numeric      NOT NULL DEFAULT 0,
    income_x_workers  numeric      NOT NULL DEFAULT 0,
    income_workers    numeric      NOT NULL DEFAULT 0,
    zones             numeric      NOT NULL DEFAULT 0,
    PRIMARY KEY (scope_key, shard, period)
) WITH (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);

-- the zones' sums join the rows first, so that the period figures among them move with the others below
INSERT INTO scope_value (scope_key, shard, figure, value)
SELECT 'zone:' || z.zone_id, 0, e.key, e.value::numeric
FROM zone_figures z CROSS JOIN LATERAL jsonb_each_text(z.sums) AS e(key, value)
WHERE e.value::numeric <> 0
ON CONFLICT (scope_key, shard, figure) DO UPDATE SET value = scope_value.value + EXCLUDED.value;

ALTER TABLE zone_figures DROP COLUMN sums;

CREATE TEMPORARY TABLE period_member AS
SELECT scope_key, shard, figure, value,
       substring(figure FROM '^period:(.*)\|[^|]+$') AS period,
       substring(figure FROM '\|([^|]+)$') AS member
FROM scope_value
WHERE figure LIKE 'period:%'
  AND substring(figure FROM '\|([^|]+)$') IN ('reports', 'revenue', 'revenueN', 'export', 'exportN', 'budget',
      'budgetN', 'workers', 'workersN', 'incomeXWorkers', 'incomeWorkers', 'zones');

INSERT INTO scope_period (scope_key, shard, period, reports, revenue, revenue_n, export, export_n, budget, budget_n,
                          workers, workers_n, income_x_workers, income_workers, zones)
SELECT scope_key, shard, period,
       coalesce(sum(value) FILTER (WHERE member = 'reports'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'revenue'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'revenueN'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'export'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'exportN'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'budget'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'budgetN'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'workers'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'workersN'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'incomeXWorkers'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'incomeWorkers'), 0),
       coalesce(sum(value) FILTER (WHERE member = 'zones'), 0)
FROM period_member
GROUP BY scope_key, shard, period;

DELETE FROM scope_value s USING period_member m
WHERE s.scope_key = m.scope_key AND s.shard = m.shard AND s.figure = m.figure;

DROP TABLE period_member;

-- Issue #13: figures folded incrementally and exactly. Each zone's sums (what it adds to every scope it belongs to)
-- are recomputed from that zone's rows when an event touches it; every scope above the zone (province, former
-- province, kind, cluster model, province × kind, former province × kind, national) holds the sum of its zones'
-- sums, folded by delta (new − old) in the applying transaction. No figure is read by grouping the state tables any
-- more; the grouping queries are kept as the referee (POST /api/v1/admin/reconcile/aggregates) and for "as of".

-- One row per zone: the scopes above it its sums were added into, and the sums ({"zones.total": "1", ...}).
CREATE TABLE zone_figures (
    zone_id  uuid  PRIMARY KEY,
    scopes   text[] NOT NULL,
    sums     jsonb NOT NULL
);

-- A scope's sums, in partial rows per shard (a registry topic's partition, see publish/Shard): every event touches
-- the national row, so one row per scope would serialise every consumer on it. A scope is the sum of its rows.
CREATE TABLE scope_total (
    scope_key  varchar(120) NOT NULL,
    shard      integer      NOT NULL,
    sums       jsonb        NOT NULL,
    PRIMARY KEY (scope_key, shard)
);

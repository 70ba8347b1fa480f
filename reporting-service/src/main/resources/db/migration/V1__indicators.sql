-- The latest indicator snapshot per scope (what boards read) and every snapshot received (time series).
CREATE TABLE indicator_snapshot (
    scope_key   varchar(80) PRIMARY KEY,
    scope_type  varchar(32)  NOT NULL,
    scope_code  varchar(80)  NOT NULL,
    scope_name  varchar(300),
    payload     text         NOT NULL,
    computed_at timestamptz  NOT NULL,
    received_at timestamptz  NOT NULL
);
CREATE INDEX indicator_snapshot_type ON indicator_snapshot (scope_type, scope_code);

CREATE TABLE indicator_history (
    id          bigserial PRIMARY KEY,
    scope_key   varchar(80) NOT NULL,
    computed_at timestamptz NOT NULL,
    payload     text        NOT NULL,
    UNIQUE (scope_key, computed_at)
);

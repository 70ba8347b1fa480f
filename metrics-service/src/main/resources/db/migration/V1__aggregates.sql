-- metrics-service keeps the latest state of every registry aggregate it applied, and derives every figure
-- from those rows by grouping. No running sum is ever incremented, so a redelivered event, a replay or two
-- instances working at once cannot count anything twice.

-- Last aggregate version applied, per aggregate: the idempotency guard.
CREATE TABLE applied_version (
    aggregate_type varchar(40) NOT NULL,
    aggregate_id   uuid        NOT NULL,
    version        bigint      NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id)
);

CREATE TABLE zone_state (
    zone_id               uuid PRIMARY KEY,
    revision              bigint       NOT NULL,
    kind                  varchar(32)  NOT NULL,
    name                  varchar(300) NOT NULL,
    province_code         varchar(8)   NOT NULL,
    province_name         varchar(120),
    former_province_code  varchar(8),
    former_province_name  varchar(120),
    status                varchar(40)  NOT NULL,
    cluster_model         varchar(40),
    planned_area_ha       numeric(12, 4),
    established_area_ha   numeric(12, 4),
    industrial_land_ha    numeric(12, 4),
    leased_area_ha        numeric(12, 4),
    valid_on              date,
    recorded_at           timestamptz  NOT NULL
);
CREATE INDEX zone_state_province ON zone_state (province_code);
CREATE INDEX zone_state_former ON zone_state (former_province_code);

CREATE TABLE project_state (
    project_id        uuid PRIMARY KEY,
    zone_id           uuid         NOT NULL,
    revision          bigint       NOT NULL,
    origin            varchar(16)  NOT NULL,
    capital_amount    numeric(20, 2),
    capital_currency  varchar(3),
    leased_area_ha    numeric(12, 4),
    workers           integer,
    status            varchar(32)  NOT NULL,
    valid_on          date,
    recorded_at       timestamptz  NOT NULL
);
CREATE INDEX project_state_zone ON project_state (zone_id);

-- Events that arrived with a version gap (an earlier version never came): reported, see /api/v1/gaps.
CREATE TABLE sequence_gap (
    aggregate_type   varchar(40) NOT NULL,
    aggregate_id     uuid        NOT NULL,
    expected_version bigint      NOT NULL,
    received_version bigint      NOT NULL,
    event_id         uuid        NOT NULL,
    seen_at          timestamptz NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id, received_version)
);

-- Scopes whose indicators changed and still have to be published (written in the applying transaction).
CREATE TABLE dirty_scope (
    scope_key  varchar(80) PRIMARY KEY,
    marked_at  timestamptz NOT NULL
);

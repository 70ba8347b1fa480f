-- The register: today's provinces, the former provinces merged into them, zones and their secondary projects.
CREATE TABLE province (
    code    varchar(8) PRIMARY KEY,
    name    varchar(120) NOT NULL,
    name_en varchar(120) NOT NULL,
    kind    varchar(16)  NOT NULL
);

CREATE TABLE former_province (
    code          varchar(8) PRIMARY KEY,
    name          varchar(120) NOT NULL,
    name_en       varchar(120) NOT NULL,
    province_code varchar(8)   NOT NULL REFERENCES province (code),
    merged_on     date
);

CREATE TABLE zone (
    id                       uuid PRIMARY KEY,
    revision                 bigint        NOT NULL,
    version                  bigint        NOT NULL,
    kind                     varchar(32)   NOT NULL,
    name                     varchar(300)  NOT NULL,
    province_code            varchar(8)    NOT NULL REFERENCES province (code),
    former_province_code     varchar(8)    REFERENCES former_province (code),
    commune                  varchar(200),
    planning_period          varchar(100),
    status                   varchar(40)   NOT NULL,
    status_date              date,
    construction_progress    numeric(5, 2),
    cluster_model            varchar(40),
    planned_area_ha          numeric(12, 4),
    established_area_ha      numeric(12, 4),
    industrial_land_ha       numeric(12, 4),
    leased_area_ha           numeric(12, 4),
    infrastructure_investor  varchar(300),
    latitude                 numeric(9, 6),
    longitude                numeric(9, 6),
    valid_on                 date          NOT NULL,
    source                   varchar(500),
    updated_by               varchar(200)  NOT NULL,
    updated_at               timestamptz   NOT NULL
);
CREATE INDEX zone_province ON zone (province_code);
CREATE INDEX zone_former_province ON zone (former_province_code);

CREATE TABLE project (
    id                   uuid PRIMARY KEY,
    zone_id              uuid           NOT NULL REFERENCES zone (id),
    revision             bigint         NOT NULL,
    version              bigint         NOT NULL,
    name                 varchar(300)   NOT NULL,
    investor             varchar(300)   NOT NULL,
    origin               varchar(16)    NOT NULL,
    investor_country     varchar(2),
    sector               varchar(200),
    capital_amount       numeric(20, 2),
    capital_currency     varchar(3),
    leased_area_ha       numeric(12, 4),
    workers              integer,
    status               varchar(32)    NOT NULL,
    status_reason        varchar(500),
    status_date          date,
    valid_on             date           NOT NULL,
    source               varchar(500),
    updated_by           varchar(200)   NOT NULL,
    updated_at           timestamptz    NOT NULL
);
CREATE INDEX project_zone ON project (zone_id);

-- Transactional outbox: written in the same transaction as the change it announces, relayed to Kafka in
-- id order by OutboxRelay. Rows are kept after publication: they are the registry's event history (audit
-- trail, replay source).
CREATE TABLE outbox_event (
    id                bigserial PRIMARY KEY,
    event_id          uuid         NOT NULL UNIQUE,
    topic             varchar(200) NOT NULL,
    partition_key     varchar(100) NOT NULL,
    event_type        varchar(100) NOT NULL,
    aggregate_type    varchar(40)  NOT NULL,
    aggregate_id      uuid         NOT NULL,
    aggregate_version bigint       NOT NULL,
    payload           text         NOT NULL,
    occurred_at       timestamptz  NOT NULL,
    published_at      timestamptz,
    UNIQUE (aggregate_type, aggregate_id, aggregate_version)
);
CREATE INDEX outbox_unpublished ON outbox_event (id) WHERE published_at IS NULL;
CREATE INDEX outbox_aggregate ON outbox_event (aggregate_id, aggregate_version);

-- Idempotency keys of creating requests: a retried POST returns the first answer and creates nothing.
CREATE TABLE idempotency_key (
    key           varchar(200) PRIMARY KEY,
    request_hash  varchar(64)  NOT NULL,
    resource_type varchar(40)  NOT NULL,
    resource_id   uuid         NOT NULL,
    created_at    timestamptz  NOT NULL
);

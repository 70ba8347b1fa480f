-- Issue #18: recovery of the register.
-- Events the registry topics carry that this database does not: it was restored to a point in time before them
-- (they were committed, published and consumed, then lost with the rollback). Found by the reconciliation with the
-- topics (recovery/TopicReconciliation) and kept as they were published, so that what was lost can be read and,
-- where it was right, entered again. Their versions are void: each aggregate's next event comes after them.
CREATE TABLE lost_event (
    event_id          uuid         PRIMARY KEY,
    topic             varchar(200) NOT NULL,
    partition_no      integer      NOT NULL,
    record_offset     bigint       NOT NULL,
    event_type        varchar(100) NOT NULL,
    aggregate_type    varchar(40)  NOT NULL,
    aggregate_id      uuid         NOT NULL,
    aggregate_version bigint       NOT NULL,
    recorded_at       timestamptz  NOT NULL,
    payload           text         NOT NULL,
    found_at          timestamptz  NOT NULL
);
CREATE INDEX lost_event_aggregate ON lost_event (aggregate_id, aggregate_version);

-- What each reconciliation with the topics, and each rebuild of the register from them, did (JSON report).
CREATE TABLE recovery_run (
    id          bigserial    PRIMARY KEY,
    kind        varchar(20)  NOT NULL,
    started_at  timestamptz  NOT NULL,
    finished_at timestamptz  NOT NULL,
    started_by  varchar(200) NOT NULL,
    report      text         NOT NULL
);

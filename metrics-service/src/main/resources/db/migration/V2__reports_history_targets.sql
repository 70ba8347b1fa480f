-- Issue #4: reports, history for "as of" figures, zone targets.

-- What the zone state carries besides figures: when its status was reached, construction progress and the
-- occupancy commitments it made (JSON array as the registry sends it).
ALTER TABLE zone_state ADD COLUMN status_date date;
ALTER TABLE zone_state ADD COLUMN construction_progress_percent numeric(5, 2);
ALTER TABLE zone_state ADD COLUMN targets text;

-- Every applied version of every aggregate, so that any scope can be computed "as of" a past date. Same
-- columns as the current-state tables, one row per (aggregate, revision); a late (out of order) version is
-- still recorded here even though it no longer changes the current state.
CREATE TABLE zone_state_history (LIKE zone_state INCLUDING DEFAULTS);
ALTER TABLE zone_state_history ADD PRIMARY KEY (zone_id, revision);
CREATE INDEX zone_state_history_valid ON zone_state_history (zone_id, valid_on);

CREATE TABLE project_state_history (LIKE project_state INCLUDING DEFAULTS);
ALTER TABLE project_state_history ADD PRIMARY KEY (project_id, revision);
CREATE INDEX project_state_history_valid ON project_state_history (project_id, valid_on);

-- Periodic reports (monthly ... yearly) of a zone, or of one project in it, as last corrected.
CREATE TABLE report_state (
    report_id                    uuid PRIMARY KEY,
    zone_id                      uuid          NOT NULL,
    project_id                   uuid,
    revision                     bigint        NOT NULL,
    period_kind                  varchar(16)   NOT NULL,
    year                         integer       NOT NULL,
    number                       integer,
    period_start                 date,
    period_end                   date,
    revenue_vnd                  numeric(24, 2),
    export_usd                   numeric(20, 2),
    budget_paid_vnd              numeric(24, 2),
    workers                      integer,
    average_monthly_income_vnd   numeric(16, 2),
    valid_on                     date,
    source                       varchar(500),
    recorded_at                  timestamptz   NOT NULL
);
CREATE INDEX report_state_zone ON report_state (zone_id, period_kind, year, number);

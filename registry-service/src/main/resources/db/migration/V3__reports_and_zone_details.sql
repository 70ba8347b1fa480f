-- Periodic reports of a zone (optionally of one of its projects): revenue, export, budget contribution,
-- workers and average income for a month, quarter, half-year, the first nine months or a year.
-- A correction updates the row and raises its revision; the event history (outbox_event) keeps every version.
CREATE TABLE report (
    id                          uuid PRIMARY KEY,
    zone_id                     uuid          NOT NULL REFERENCES zone (id),
    project_id                  uuid          REFERENCES project (id),
    revision                    bigint        NOT NULL,
    version                     bigint        NOT NULL,
    period_kind                 varchar(16)   NOT NULL,
    year                        integer       NOT NULL,
    number                      integer,
    period_start                date          NOT NULL,
    period_end                  date          NOT NULL,
    revenue_vnd                 numeric(22, 2),
    export_usd                  numeric(20, 2),
    budget_paid_vnd             numeric(22, 2),
    workers                     integer,
    average_monthly_income_vnd  numeric(16, 2),
    valid_on                    date          NOT NULL,
    source                      varchar(500),
    updated_by                  varchar(200)  NOT NULL,
    updated_at                  timestamptz   NOT NULL,
    CHECK (period_start <= period_end),
    CHECK (workers IS NULL OR workers >= 0)
);
CREATE INDEX report_zone ON report (zone_id, period_start);
-- Periods of one kind never partly overlap (months, quarters, halves, Jan-Sep, years), so two reports of
-- the same kind for the same zone (and project) overlap exactly when they start on the same day. The service
-- refuses them with a readable 422; this index is the guard against two requests racing.
CREATE UNIQUE INDEX report_period_unique ON report (zone_id, COALESCE(project_id, '00000000-0000-0000-0000-000000000000'::uuid),
    period_kind, period_start);

-- More of a zone from the domain: development phases, infrastructure investment by source of capital,
-- centralised wastewater treatment, and the targets the investor committed to.
ALTER TABLE zone
    ADD COLUMN phases                      jsonb,
    ADD COLUMN infra_central_budget_vnd    numeric(22, 2),
    ADD COLUMN infra_local_budget_vnd      numeric(22, 2),
    ADD COLUMN infra_investor_vnd          numeric(22, 2),
    ADD COLUMN wastewater_centralised      boolean,
    ADD COLUMN wastewater_meets_standard   boolean,
    ADD COLUMN targets                     jsonb;

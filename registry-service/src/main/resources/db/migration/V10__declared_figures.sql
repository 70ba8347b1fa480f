-- Figures a department or a board declares for a whole province, former province or zone (e.g. "planned
-- industrial clusters: 117"), each submission kept with its provenance. Nothing is ever updated: a correction
-- is a new row for the same validity date, so "as known today" and "as reported on D" can both be answered.
CREATE TABLE declared_figure (
    id           uuid PRIMARY KEY,
    scope_type   varchar(20)    NOT NULL,
    scope_code   varchar(80)    NOT NULL,
    figure       varchar(60)    NOT NULL,
    value        numeric(22, 4) NOT NULL,
    unit         varchar(20)    NOT NULL,
    valid_on     date           NOT NULL,
    recorded_at  timestamptz    NOT NULL,
    actor        varchar(200)   NOT NULL,
    source       varchar(500)   NOT NULL
);
CREATE INDEX declared_figure_scope ON declared_figure (scope_type, scope_code, figure, valid_on, recorded_at);

-- Issue #7: "as reported on date D" for every rollup. Zones and projects already keep every revision with its
-- recorded_at; reports kept only their latest correction. Now every revision of a report is kept as well, so a
-- rollup can be computed from what had been recorded by a given moment.
CREATE TABLE report_state_history (LIKE report_state INCLUDING DEFAULTS);
ALTER TABLE report_state_history ADD PRIMARY KEY (report_id, revision);
CREATE INDEX report_state_history_recorded ON report_state_history (report_id, recorded_at);
INSERT INTO report_state_history SELECT * FROM report_state;

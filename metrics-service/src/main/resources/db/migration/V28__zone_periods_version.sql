-- Issue #13: a zone's report periods (its scope_period rows and its periodStart:/periodEnd: figures) change only when
-- one of its reports does, never with a project, yet its snapshot computed, serialised and sent them whole for every
-- change (25 periods, most of a zone snapshot's 6.8 KB). Every transaction that moves them takes a new version here,
-- under the zone's row lock; the publisher keeps each zone's periods as sent with their version and reads, computes
-- and serialises them again only when the version moved (indicators/ZonePeriods). Versions come from a sequence, so
-- a value is never given twice, even to a row written again after a rebuild emptied the table.
CREATE SEQUENCE zone_periods_version;
ALTER TABLE zone_figures ADD COLUMN periods_version bigint NOT NULL DEFAULT nextval('zone_periods_version');

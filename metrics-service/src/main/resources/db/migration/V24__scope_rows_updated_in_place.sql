-- Issue #13: every applied batch adds to thousands of scope_value rows (value = value + delta) and bumps scope_due
-- versions. Only non-indexed columns change, so PostgreSQL can update such a row in place on its page (a HOT update:
-- no new index entry) if the page has room; at the default fillfactor of 100 it never has, and each update wrote a
-- new index entry and left a dead row behind for the publisher's reads to step over. Half of each page is kept free,
-- and these small, hot tables are vacuumed as soon as a few per cent of their rows are dead.
ALTER TABLE scope_value SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
ALTER TABLE scope_due SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02);
ALTER TABLE zone_figures SET (fillfactor = 70);

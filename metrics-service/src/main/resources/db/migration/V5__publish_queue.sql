-- Issue #13: publishing that cannot lose an update. dirty_scope held one mark per scope: a change committed while
-- the publisher computed that scope found the mark there, and the publisher then deleted it with the old one, so
-- the change was never published. Now a scope's mark carries a version, bumped by every applying transaction;
-- the publisher deletes a mark only at the version it read before computing, so a later change keeps it due.
-- One row per (scope, shard): a shard is one source of changes (a registry topic's partition, see
-- publish/Shard), so two consumers never bump the same row and the national mark is no hot row.
DROP TABLE dirty_scope;
CREATE TABLE scope_due (
    scope_key  varchar(120) NOT NULL,
    shard      integer      NOT NULL,
    version    bigint       NOT NULL,
    marked_at  timestamptz  NOT NULL,   -- the oldest change on this row not yet published
    PRIMARY KEY (scope_key, shard)
);
CREATE INDEX scope_due_marked ON scope_due (marked_at);

package vn.izone.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A project the bench can update: its zone, and its revision and workers as last accepted. */
final class Tracked {
    final String id;
    final String zoneId;
    final ObjectNode body;
    volatile long revision;

    Tracked(String id, String zoneId, ObjectNode body, long revision) {
        this.id = id;
        this.zoneId = zoneId;
        this.body = body;
        this.revision = revision;
    }

    boolean active() {
        return active(body.path("status").asText());
    }

    /** Whether a project of this status counts in its zone's figures (workers, capital). */
    static boolean active(String status) {
        return !status.equals("SUSPENDED") && !status.equals("REVOKED");
    }
}

package vn.izone.registry.recovery;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.registry.api.Nationwide;
import vn.izone.registry.api.ProvinceScoped;
import vn.izone.registry.api.WriteAccess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operators' endpoints of the register's recovery (issue #18, docs/deploy.md "Recovering the register"). The
 * writes need a bearer token with the role operator ({@code @RolesAllowed}); reads are open like every read of the
 * register.
 */
@Path("/api/v1/admin")
@ProvinceScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryResource {
    private static final String OPERATORS = "an operator's, on the whole register; no department has the role";
    private final TopicReconciliation reconciliation;
    private final RegisterRebuild rebuild;
    private final RecoveryRuns runs;
    private final RecoveryGate gate;
    private final WriteAccess access;

    public RecoveryResource(TopicReconciliation reconciliation, RegisterRebuild rebuild, RecoveryRuns runs, RecoveryGate gate,
                            WriteAccess access) {
        this.reconciliation = reconciliation;
        this.rebuild = rebuild;
        this.runs = runs;
        this.gate = gate;
        this.access = access;
    }

    @GET
    @Path("recovery")
    @Operation(summary = "The register's recovery: whether it takes changes, the last reconciliations with the topics and "
            + "rebuilds, and how many events the topics carry that a restore lost (the lost window)")
    public Map<String, Object> recovery() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("acceptingChanges", gate.isOpen());
        answer.put("lostEvents", runs.lostEventCount());
        answer.put("runs", runs.lastRuns(10));
        return answer;
    }

    @GET
    @Path("recovery/lost-events")
    @Operation(summary = "The events the topics carry beyond the restored register, as they were published, oldest first",
            description = "Their versions are void (each aggregate continues after them); what was right among them can be entered again.")
    public List<com.fasterxml.jackson.databind.JsonNode> lostEvents(@QueryParam("limit") @DefaultValue("1000") int limit) {
        return runs.lostEvents(limit);
    }

    @POST
    @Path("recovery/reconcile")
    @RolesAllowed(WriteAccess.OPERATOR)
    @Nationwide(OPERATORS)
    @Operation(summary = "Reconcile the register with its topics now (after a restore)",
            description = "Marks outbox events already on the topics as published, keeps the events the topics carry beyond the register "
                    + "(lost_event) and moves each such aggregate past them with a <type>.restored or <type>.withdrawn event. Idempotent. "
                    + "Run it before the register takes changes (izone.recovery.reconcile-at-start does); role operator.")
    public TopicReconciliation.Report reconcile() {
        return reconciliation.reconcile(access.actor(null));
    }

    @POST
    @Path("rebuild")
    @RolesAllowed(WriteAccess.OPERATOR)
    @Nationwide(OPERATORS)
    @Operation(summary = "Rebuild the register from its topics into this empty registry database",
            description = "Zones, projects and reports with their revisions and provenance, and the event history (as published). "
                    + "409 problem+json if the database holds anything. Synchronous; role operator.")
    public RegisterRebuild.Report rebuild() {
        return rebuild.rebuild(access.actor(null));
    }
}

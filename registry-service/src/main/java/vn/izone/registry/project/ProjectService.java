package vn.izone.registry.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.events.Outbox;
import vn.izone.registry.events.Topics;
import vn.izone.registry.project.ProjectRows.ZoneFacts;
import vn.izone.registry.zone.ZoneStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where a project change is checked, written ({@link ProjectRows}) and announced through the outbox, in the caller's
 * transaction.
 */
@ApplicationScoped
public class ProjectService {
    private final Outbox outbox;
    private final ProjectRows rows;

    public ProjectService(Outbox outbox, ProjectRows rows) {
        this.outbox = outbox;
        this.rows = rows;
    }

    @Transactional
    public ProjectView register(UUID zoneId, @NotNull @Valid ProjectRequest request, String actor) {
        ZoneFacts zone = openZone(zoneId);
        ProjectView view = accepted(UUID.randomUUID(), zone, 1, null, request, actor, zone.leasedByOthers());
        rows.insert(List.of(view));
        announce(view, "project.registered");
        return view;
    }

    /**
     * Registers every item in the zone, in order, or none (the caller's transaction). Item {@code i} gets the id
     * {@code ids.get(i)}; a rejected item is re-thrown with its fields prefixed {@code items[i].}. The zone and the
     * leased land of the zone are looked up once for the whole batch, the projects inserted in one JDBC batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ProjectView> registerAll(UUID zoneId, List<ProjectRequest> requests, List<UUID> ids, String actor) {
        ZoneFacts zone = openZone(zoneId);
        BigDecimal leased = zone.leasedByOthers();
        List<ProjectView> views = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ProjectRequest request = requests.get(i);
            try {
                views.add(accepted(ids.get(i), zone, 1, null, request, actor, leased));
            } catch (RejectedChange e) {
                throw e.forItem("items[" + i + "]");
            }
            if (leased != null && request.leasedAreaHa() != null && request.status().isActive()) {
                leased = leased.add(request.leasedAreaHa());
            }
        }
        rows.insert(views);
        views.forEach(view -> announce(view, "project.registered"));
        return views;
    }

    @Transactional
    public ProjectView correct(UUID id, long expectedRevision, @NotNull @Valid ProjectRequest request, String actor) {
        ProjectRows.Current current = rows.current(id);
        if (current == null) {
            throw RejectedChange.notFound("project", id);
        }
        if (current.revision() != expectedRevision) {
            throw RejectedChange.staleVersion(expectedRevision, current.revision());
        }
        ZoneFacts zone = current.zone();
        ProjectView view = accepted(id, zone, current.revision() + 1, current.status(), request, actor, zone.leasedByOthers());
        rows.update(view, current.version());
        announce(view, "project.updated");
        return view;
    }

    /** The zone a project is registered in: it exists and was not removed from planning. */
    private ZoneFacts openZone(UUID zoneId) {
        ZoneFacts zone = rows.zone(zoneId);
        if (zone == null) {
            throw RejectedChange.notFound("zone", zoneId);
        }
        if (zone.status() == ZoneStatus.REMOVED_FROM_PLANNING) {
            throw RejectedChange.conflict("zone-removed", "The zone was removed from planning",
                    "no project can be registered in a zone removed from planning", "zoneId");
        }
        return zone;
    }

    public Project find(UUID id) {
        Project project = Project.findById(id);
        if (project == null) {
            throw RejectedChange.notFound("project", id);
        }
        return project;
    }

    public static ProjectView view(Project p) {
        return new ProjectView(p.id, p.zoneId, p.revision, p.name, p.investor, p.origin, p.investorCountry, p.sector,
                p.capitalAmount == null ? null : new Money(p.capitalAmount, p.capitalCurrency), p.leasedAreaHa, p.workers, p.status, p.statusReason,
                p.statusDate, p.validOn, p.source, p.updatedBy, p.updatedAt);
    }

    /** The project a published state describes, as the register stores it (issue #18, the rebuild from the topics). */
    public static Project fromView(ProjectView v) {
        Project p = new Project();
        p.id = v.id();
        p.zoneId = v.zoneId();
        p.revision = v.revision();
        p.name = v.name();
        p.investor = v.investor();
        p.origin = v.origin();
        p.investorCountry = v.investorCountry();
        p.sector = v.sector();
        p.capitalAmount = v.registeredCapital() == null ? null : v.registeredCapital().amount();
        p.capitalCurrency = v.registeredCapital() == null ? null : v.registeredCapital().currency();
        p.leasedAreaHa = v.leasedAreaHa();
        p.workers = v.workers();
        p.status = v.status();
        p.statusReason = v.statusReason();
        p.statusDate = v.statusDate();
        p.provenance(v.validOn(), v.source(), v.updatedBy(), v.updatedAt());
        return p;
    }

    private void announce(ProjectView view, String eventType) {
        outbox.record(Topics.PROJECTS, eventType, "project", view.id(), view.revision(), view.zoneId(),
                new Outbox.Change(view.updatedBy(), view.validOn(), view.source()), view);
    }

    /**
     * The project's new state, once the request passed the register's rules: {@code previous} is its status before
     * (null for a new project), {@code leasedByOthers} the land the zone's other active projects lease.
     */
    private static ProjectView accepted(UUID id, ZoneFacts zone, long revision, ProjectStatus previous, ProjectRequest r,
                                        String actor, BigDecimal leasedByOthers) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.origin() == ProjectOrigin.FDI && r.investorCountry() == null) {
            errors.add(new Problem.FieldError("investorCountry", "an FDI project names the investor's country"));
        }
        if (r.origin() == ProjectOrigin.FDI && "VN".equals(r.investorCountry())) {
            errors.add(new Problem.FieldError("investorCountry", "an FDI investor is not from VN; use origin DOMESTIC"));
        }
        if (r.leasedAreaHa() != null && zone.industrialLandHa() != null && leasedByOthers != null) {
            BigDecimal total = r.status().isActive() ? leasedByOthers.add(r.leasedAreaHa()) : leasedByOthers;
            if (total.compareTo(zone.industrialLandHa()) > 0) {
                errors.add(new Problem.FieldError("leasedAreaHa", "projects would lease " + total.toPlainString()
                        + " ha, more than the zone's " + zone.industrialLandHa().toPlainString() + " ha of industrial land for lease"));
            }
        }
        // Revoking a project in the register says why. A project first recorded when it was already revoked (an
        // older licence taken over from the province's files) may come without the decision's reason.
        if (r.status() == ProjectStatus.REVOKED && previous != null && previous != ProjectStatus.REVOKED
                && (r.statusReason() == null || r.statusReason().isBlank())) {
            errors.add(new Problem.FieldError("statusReason", "a revoked project says why"));
        }
        if (!errors.isEmpty()) {
            throw RejectedChange.invalid(errors);
        }
        return new ProjectView(id, zone.id(), revision, r.name().strip(), r.investor().strip(), r.origin(),
                r.investorCountry(), r.sector(), r.registeredCapital(), r.leasedAreaHa(), r.workers(), r.status(),
                r.statusReason(), r.statusDate(), r.validOn(), r.source(), actor,
                Instant.now().truncatedTo(ChronoUnit.MICROS)); // as PostgreSQL keeps it: the answer, the event and a later read agree
    }
}

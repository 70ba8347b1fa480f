package vn.izone.registry.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.events.Outbox;
import vn.izone.registry.events.Topics;
import vn.izone.registry.zone.ZoneStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Where a project change is accepted and announced through the outbox. */
@ApplicationScoped
public class ProjectService {
    private final Outbox outbox;

    public ProjectService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public ProjectView register(UUID zoneId, @NotNull @Valid ProjectRequest request, String actor) {
        ZoneFacts zone = zoneFacts(zoneId, null);
        if (zone.status() == ZoneStatus.REMOVED_FROM_PLANNING) {
            throw RejectedChange.conflict("zone-removed", "The zone was removed from planning",
                    "no project can be registered in a zone removed from planning", "zoneId");
        }
        return create(zone, UUID.randomUUID(), request, actor, zone.leasedByOthers());
    }

    /**
     * Registers every item in the zone, in order, or none (the caller's transaction). Item {@code i} gets the id
     * {@code ids.get(i)}; a rejected item is re-thrown with its fields prefixed {@code items[i].}. The zone and the
     * leased land of the zone are looked up once for the whole batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ProjectView> registerAll(UUID zoneId, List<ProjectRequest> requests, List<UUID> ids, String actor) {
        ZoneFacts zone = zoneFacts(zoneId, null);
        if (zone.status() == ZoneStatus.REMOVED_FROM_PLANNING) {
            throw RejectedChange.conflict("zone-removed", "The zone was removed from planning",
                    "no project can be registered in a zone removed from planning", "zoneId");
        }
        BigDecimal leased = zone.leasedByOthers();
        List<ProjectView> views = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ProjectRequest request = requests.get(i);
            try {
                views.add(create(zone, ids.get(i), request, actor, leased));
            } catch (RejectedChange e) {
                throw e.forItem("items[" + i + "]");
            }
            if (request.leasedAreaHa() != null && request.status().isActive()) {
                leased = leased.add(request.leasedAreaHa());
            }
        }
        return views;
    }

    private ProjectView create(ZoneFacts zone, UUID id, ProjectRequest request, String actor, BigDecimal leasedByOthers) {
        Project project = new Project();
        project.id = id;
        project.zoneId = zone.id();
        project.revision = 1;
        apply(project, zone, request, actor, leasedByOthers);
        project.persist();
        return announce(project, "project.registered", actor);
    }

    @Transactional
    public ProjectView correct(UUID id, long expectedRevision, @NotNull @Valid ProjectRequest request, String actor) {
        Project project = find(id);
        ZoneFacts zone = zoneFacts(project.zoneId, project.id);
        if (project.revision != expectedRevision) {
            throw RejectedChange.staleVersion(expectedRevision, project.revision);
        }
        apply(project, zone, request, actor, zone.leasedByOthers());
        project.revision++;
        return announce(project, "project.updated", actor);
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

    private ProjectView announce(Project project, String eventType, String actor) {
        ProjectView view = view(project);
        outbox.record(Topics.PROJECTS, eventType, "project", project.id, project.revision, project.zoneId,
                new Outbox.Change(actor, project.validOn, project.source), view);
        return view;
    }

    /**
     * What a project write needs of its zone: its status, its land for lease, and the land leased by its active
     * projects other than {@code except} (null when the zone states no land for lease).
     */
    record ZoneFacts(UUID id, ZoneStatus status, BigDecimal industrialLandHa, BigDecimal leasedByOthers) {
    }

    /**
     * The zone's facts in one statement: its two columns and the SUM over its active projects as a subquery. It used
     * to be the whole zone loaded as a managed entity (thirty-odd columns hydrated, a snapshot kept and compared at
     * every flush) and then the SUM in a second round trip (issue #15, session 7 profile: a sixth of the request
     * thread's samples between them). Before that, every project of the zone was loaded as an entity. The active
     * statuses are literals, not a list parameter: Hibernate cannot keep the SQL of a query with a multi-valued
     * parameter and translated it again on every write.
     */
    private ZoneFacts zoneFacts(UUID zoneId, UUID except) {
        List<Object[]> rows = Project.getEntityManager().createQuery(ZONE_FACTS, Object[].class)
                .setParameter("zone", zoneId).setParameter("except", except == null ? new UUID(0, 0) : except)
                .getResultList();
        if (rows.isEmpty()) {
            throw RejectedChange.notFound("zone", zoneId);
        }
        Object[] row = rows.get(0);
        BigDecimal land = (BigDecimal) row[1];
        return new ZoneFacts(zoneId, (ZoneStatus) row[0], land, land == null ? null : (BigDecimal) row[2]);
    }

    private static final String ZONE_FACTS = "select z.status, z.industrialLandHa, "
            + "(select coalesce(sum(p.leasedAreaHa), 0) from Project p "
            + "where p.zoneId = z.id and p.id <> :except and p.status in ("
            + ProjectStatus.ACTIVE.stream().map(s -> ProjectStatus.class.getName() + "." + s.name()).collect(java.util.stream.Collectors.joining(", "))
            + ")) from Zone z where z.id = :zone";

    private void apply(Project p, ZoneFacts zone, ProjectRequest r, String actor, BigDecimal leasedByOthers) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.origin() == ProjectOrigin.FDI && r.investorCountry() == null) {
            errors.add(new Problem.FieldError("investorCountry", "an FDI project names the investor's country"));
        }
        if (r.origin() == ProjectOrigin.FDI && "VN".equals(r.investorCountry())) {
            errors.add(new Problem.FieldError("investorCountry", "an FDI investor is not from VN; use origin DOMESTIC"));
        }
        if (r.leasedAreaHa() != null && zone.industrialLandHa() != null && leasedByOthers != null) {
            BigDecimal others = leasedByOthers;
            BigDecimal total = r.status().isActive() ? others.add(r.leasedAreaHa()) : others;
            if (total.compareTo(zone.industrialLandHa()) > 0) {
                errors.add(new Problem.FieldError("leasedAreaHa", "projects would lease " + total.toPlainString()
                        + " ha, more than the zone's " + zone.industrialLandHa().toPlainString() + " ha of industrial land for lease"));
            }
        }
        // Revoking a project in the register says why. A project first recorded when it was already revoked (an
        // older licence taken over from the province's files) may come without the decision's reason.
        if (r.status() == ProjectStatus.REVOKED && p.status != null && p.status != ProjectStatus.REVOKED
                && (r.statusReason() == null || r.statusReason().isBlank())) {
            errors.add(new Problem.FieldError("statusReason", "a revoked project says why"));
        }
        if (!errors.isEmpty()) {
            throw RejectedChange.invalid(errors);
        }
        p.name = r.name().strip();
        p.investor = r.investor().strip();
        p.origin = r.origin();
        p.investorCountry = r.investorCountry();
        p.sector = r.sector();
        p.capitalAmount = r.registeredCapital() == null ? null : r.registeredCapital().amount();
        p.capitalCurrency = r.registeredCapital() == null ? null : r.registeredCapital().currency();
        p.leasedAreaHa = r.leasedAreaHa();
        p.workers = r.workers();
        p.status = r.status();
        p.statusReason = r.statusReason();
        p.statusDate = r.statusDate();
        p.validOn = r.validOn();
        p.source = r.source();
        p.changedBy(actor);
    }
}

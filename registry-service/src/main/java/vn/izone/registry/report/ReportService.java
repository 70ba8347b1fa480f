package vn.izone.registry.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.events.Outbox;
import vn.izone.registry.events.Topics;
import vn.izone.registry.project.Project;
import vn.izone.registry.zone.Zone;
import vn.izone.registry.zone.ZoneService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where periodic reports are accepted and announced through the outbox. A correction changes the report's
 * current state and raises its revision; every earlier version stays in the event history.
 */
@ApplicationScoped
public class ReportService {
    public static final String SUBMITTED = "report.submitted";
    public static final String CORRECTED = "report.corrected";

    private final Outbox outbox;
    private final ZoneService zones;

    public ReportService(Outbox outbox, ZoneService zones) {
        this.outbox = outbox;
        this.zones = zones;
    }

    @Transactional
    public ReportView submit(UUID zoneId, @NotNull @Valid ReportRequest request, String actor) {
        Zone zone = zones.find(zoneId);
        return create(zone, UUID.randomUUID(), request, actor);
    }

    /**
     * Submits every item for the zone, in order, or none (the caller's transaction). Item {@code i} gets the id
     * {@code ids.get(i)}; a rejected item is re-thrown with its fields prefixed {@code items[i].}. Items of the
     * batch see each other: two items for the same period are refused like a report that already exists.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ReportView> submitAll(UUID zoneId, List<ReportRequest> requests, List<UUID> ids, String actor) {
        Zone zone = zones.find(zoneId);
        List<ReportView> views = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                views.add(create(zone, ids.get(i), requests.get(i), actor));
            } catch (RejectedChange e) {
                throw e.forItem("items[" + i + "]");
            }
        }
        return views;
    }

    private ReportView create(Zone zone, UUID id, ReportRequest request, String actor) {
        Report report = new Report();
        report.id = id;
        report.zoneId = zone.id;
        report.revision = 1;
        apply(report, request, actor);
        report.persist();
        return announce(report, SUBMITTED, actor);
    }

    @Transactional
    public ReportView correct(UUID zoneId, UUID id, long expectedRevision, @NotNull @Valid ReportRequest request, String actor) {
        Report report = find(zoneId, id);
        if (report.revision != expectedRevision) {
            throw RejectedChange.staleVersion(expectedRevision, report.revision);
        }
        apply(report, request, actor);
        report.revision++;
        return announce(report, CORRECTED, actor);
    }

    public Report find(UUID zoneId, UUID id) {
        zones.find(zoneId);
        Report report = Report.findById(id);
        if (report == null || !report.zoneId.equals(zoneId)) {
            throw RejectedChange.notFound("report", id);
        }
        return report;
    }

    public static ReportView view(Report r) {
        return new ReportView(r.id, r.zoneId, r.projectId, r.revision, r.periodKind, r.year, r.number, r.periodStart,
                r.periodEnd, r.revenueVnd, r.exportUsd, r.budgetPaidVnd, r.workers, r.averageMonthlyIncomeVnd,
                r.validOn, r.source, r.updatedBy, r.updatedAt);
    }

    /** The report a published state describes, as the register stores it (issue #18, the rebuild from the topics). */
    public static Report fromView(ReportView v) {
        Report r = new Report();
        r.id = v.id();
        r.zoneId = v.zoneId();
        r.projectId = v.projectId();
        r.revision = v.revision();
        r.periodKind = v.periodKind();
        r.year = v.year();
        r.number = v.number();
        r.periodStart = v.periodStart();
        r.periodEnd = v.periodEnd();
        r.revenueVnd = v.revenueVnd();
        r.exportUsd = v.exportUsd();
        r.budgetPaidVnd = v.budgetPaidVnd();
        r.workers = v.workers();
        r.averageMonthlyIncomeVnd = v.averageMonthlyIncomeVnd();
        r.provenance(v.validOn(), v.source(), v.updatedBy(), v.updatedAt());
        return r;
    }

    private ReportView announce(Report report, String eventType, String actor) {
        ReportView view = view(report);
        outbox.record(Topics.REPORTS, eventType, "report", report.id, report.revision, report.zoneId,
                new Outbox.Change(actor, report.validOn, report.source), view);
        return view;
    }

    private void apply(Report report, ReportRequest r, String actor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        PeriodKind kind = r.periodKind();
        if (kind.numbered() && (r.number() == null || r.number() < 1 || r.number() > kind.count())) {
            errors.add(new Problem.FieldError("number", "a " + kind + " report needs a number from 1 to " + kind.count()));
        } else if (!kind.numbered() && r.number() != null) {
            errors.add(new Problem.FieldError("number", "a " + kind + " report has no number"));
        }
        if (r.projectId() != null) {
            Project project = Project.findById(r.projectId());
            if (project == null || !project.zoneId.equals(report.zoneId)) {
                errors.add(new Problem.FieldError("projectId", "no project " + r.projectId() + " in zone " + report.zoneId));
            }
        }
        if (!errors.isEmpty()) {
            throw RejectedChange.invalid(errors);
        }
        LocalDate start = kind.start(r.year(), r.number());
        LocalDate end = kind.end(r.year(), r.number());
        if (start.isAfter(LocalDate.now())) {
            errors.add(new Problem.FieldError("period", kind + " " + label(r) + " has not begun yet"));
        }
        if (r.validOn().isBefore(start)) {
            errors.add(new Problem.FieldError("validOn", "the figures of a report for " + start + " to " + end
                    + " cannot be valid on " + r.validOn()));
        }
        List<Report> overlapping = Report.<Report>find("zoneId = ?1 and periodKind = ?2 and periodStart <= ?3 and periodEnd >= ?4 and id <> ?5"
                        + (r.projectId() == null ? " and projectId is null" : " and projectId = ?6"),
                        r.projectId() == null
                                ? new Object[]{report.zoneId, kind, end, start, report.id}
                                : new Object[]{report.zoneId, kind, end, start, report.id, r.projectId()})
                .list();
        if (!overlapping.isEmpty()) {
            Report other = overlapping.get(0);
            errors.add(new Problem.FieldError("period", "report " + other.id + " already covers " + other.periodStart
                    + " to " + other.periodEnd + " (" + kind + "); correct it with PUT instead"));
        }
        if (!errors.isEmpty()) {
            throw RejectedChange.invalid(errors);
        }
        report.projectId = r.projectId();
        report.periodKind = kind;
        report.year = r.year();
        report.number = r.number();
        report.periodStart = start;
        report.periodEnd = end;
        report.revenueVnd = r.revenueVnd();
        report.exportUsd = r.exportUsd();
        report.budgetPaidVnd = r.budgetPaidVnd();
        report.workers = r.workers();
        report.averageMonthlyIncomeVnd = r.averageMonthlyIncomeVnd();
        report.validOn = r.validOn();
        report.source = r.source();
        report.changedBy(actor);
    }

    private static String label(ReportRequest r) {
        return r.number() == null ? Integer.toString(r.year()) : r.number() + "/" + r.year();
    }
}
